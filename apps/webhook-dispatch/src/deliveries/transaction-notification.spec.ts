import type { EventResource } from '@payrail/contracts';
import { documentPayload } from './transaction-notification.js';

const target = { id: 'cs_1', order_id: 'ORD-10001', signing_key: 'hk_1', payment_intent: 'pi_1' };

function event(type: string, object: Record<string, unknown>): EventResource {
  return { id: 'evt_1', object: 'event', api_version: '2024-06-20', created: Date.UTC(2026, 5, 18, 20, 10) / 1000, livemode: false, type, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
}

describe('a transaction notification in the gateway API document\'s payload', () => {
  it('says payment.success for a completed session, in major units, with the PaymentIntent as gateway_ref', () => {
    expect(documentPayload(event('checkout.session.completed', { id: 'cs_1', amount_total: 150000, currency: 'inr', payment_intent: 'pi_1' }), target)).toEqual({
      event: 'payment.success',
      transaction_id: 'cs_1',
      order_id: 'ORD-10001',
      amount: 1500,
      currency: 'INR',
      status: 'success',
      gateway_ref: 'pi_1',
      timestamp: '2026-06-18T20:10:00Z',
    });
  });

  it('says payment.refunded with the amount refunded so far, and payment.disputed with the disputed charge', () => {
    expect(documentPayload(event('charge.refunded', { id: 'ch_1', amount: 150000, amount_refunded: 50000, currency: 'inr', payment_intent: 'pi_1' }), target)).toMatchObject({
      event: 'payment.refunded',
      amount: 1500,
      refunded_amount: 500,
      status: 'refunded',
      gateway_ref: 'ch_1',
    });
    expect(documentPayload(event('charge.dispute.created', { id: 'dp_1', amount: 1000, charge: 'ch_2', currency: 'jpy', payment_intent: 'pi_1' }), target)).toMatchObject({
      event: 'payment.disputed',
      amount: 1000,
      currency: 'JPY',
      status: 'disputed',
      gateway_ref: 'ch_2',
    });
    expect(documentPayload(event('checkout.session.expired', { id: 'cs_1', amount_total: 999, currency: 'usd', payment_intent: null }), target)).toMatchObject({ event: 'payment.failed', status: 'failed', amount: 9.99, gateway_ref: null });
  });

  it('says payment.pending when the payment waits on the customer (its PaymentIntent processing), with that PaymentIntent as gateway_ref', () => {
    expect(documentPayload(event('payment_intent.processing', { id: 'pi_1', object: 'payment_intent', amount: 150000, currency: 'kes', status: 'processing' }), target)).toEqual({
      event: 'payment.pending',
      transaction_id: 'cs_1',
      order_id: 'ORD-10001',
      amount: 1500,
      currency: 'KES',
      status: 'pending',
      gateway_ref: 'pi_1',
      timestamp: '2026-06-18T20:10:00Z',
    });
  });
});
