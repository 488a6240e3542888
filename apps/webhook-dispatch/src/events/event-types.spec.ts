import { PUBLIC_EVENT_TYPES, WEBHOOK_EVENT_CATALOGUE } from '@payrail/contracts';
import { endpointWants, eventTypeLikePattern, isSubscribable } from './event-types.js';

describe('event types', () => {
  it('lets an endpoint subscribe to * or to a public event type only', () => {
    expect(isSubscribable('*')).toBe(true);
    for (const type of PUBLIC_EVENT_TYPES) expect(isSubscribable(type)).toBe(true);
    for (const type of ['checkout.session.completed', 'transaction.completed', 'balance.available', 'checkout.session.completed', 'charge.dispute.funds_withdrawn', 'webhook_endpoint.disabled']) {
      expect([type, isSubscribable(type), WEBHOOK_EVENT_CATALOGUE.includes(type as never)]).toEqual([type, true, true]);
    }
    expect(isSubscribable('payrail.test')).toBe(false);
    for (const type of ['', 'payment_intent.*', 'gateway.transaction.recorded', 'merchant.created', 'charge.succeeded ']) {
      expect(isSubscribable(type)).toBe(false);
    }
  });

  it('sends an endpoint the types it enabled, or every public type for *', () => {
    expect(endpointWants(['charge.succeeded', 'refund.created'], 'charge.succeeded')).toBe(true);
    expect(endpointWants(['charge.succeeded'], 'charge.failed')).toBe(false);
    expect(endpointWants(['*'], 'refund.failed')).toBe(true);
  });

  it('never sends an internal event, even to *', () => {
    expect(endpointWants(['*'], 'gateway.transaction.recorded')).toBe(false);
    expect(endpointWants(['*', 'merchant.created'], 'merchant.created')).toBe(false);
  });

  it('turns a list filter into a LIKE pattern, * as the only wildcard', () => {
    expect(eventTypeLikePattern('charge.succeeded')).toBe('charge.succeeded');
    expect(eventTypeLikePattern('payment_intent.*')).toBe('payment\\_intent.%');
    expect(eventTypeLikePattern('100%')).toBe('100\\%');
  });
});
