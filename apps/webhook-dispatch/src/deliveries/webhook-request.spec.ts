import type { EventResource } from '@payrail/contracts';
import { generateSecret } from '@payrail/signing';
import Stripe from 'stripe';
import { buildWebhookRequest, SIGNATURE_HEADER } from './webhook-request.js';

const stripe = new Stripe('sk_test_x');

const event: EventResource = {
  id: 'evt_123',
  object: 'event',
  api_version: '2026-01-01',
  created: 1_764_000_000,
  livemode: false,
  type: 'payment_intent.succeeded',
  pending_webhooks: 1,
  request: { id: 'req_1', idempotency_key: null },
  data: { object: { id: 'pi_1', object: 'payment_intent', amount: 2000, description: 'café ☕' } },
};

describe('webhook request', () => {
  const secret = generateSecret('whsec_', 32);

  it('is signed so that the Stripe SDK verifies it and hands back the event', () => {
    const now = Math.floor(Date.now() / 1000);
    const request = buildWebhookRequest(event, { scheme: 'payrail', secrets: [secret] }, now);
    expect(request.headers[SIGNATURE_HEADER]).toMatch(new RegExp(`^t=${now},v1=[0-9a-f]{64}$`));
    const verified = stripe.webhooks.constructEvent(request.body, request.headers[SIGNATURE_HEADER], secret);
    expect(verified).toEqual(event);
  });

  it('fails verification with another secret, a changed body or a stale timestamp', () => {
    const now = Math.floor(Date.now() / 1000);
    const request = buildWebhookRequest(event, { scheme: 'payrail', secrets: [secret] }, now);
    const header = request.headers[SIGNATURE_HEADER];
    expect(() => stripe.webhooks.constructEvent(request.body, header, generateSecret('whsec_', 32))).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(request.body.replace('2000', '2001'), header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = buildWebhookRequest(event, { scheme: 'payrail', secrets: [secret] }, now - 600);
    expect(() => stripe.webhooks.constructEvent(stale.body, stale.headers[SIGNATURE_HEADER], secret)).toThrow(/timestamp/i);
  });

  it('carries the headers of the endpoint\'s scheme instead, with the event id as the Standard Webhooks message id', () => {
    const now = Math.floor(Date.now() / 1000);
    const stripeStyle = buildWebhookRequest(event, { scheme: 'stripe', secrets: [secret] }, now);
    expect(stripeStyle.headers[SIGNATURE_HEADER]).toBeUndefined();
    expect(stripe.webhooks.constructEvent(stripeStyle.body, stripeStyle.headers['Stripe-Signature'], secret)).toEqual(event);
    const standard = buildWebhookRequest(event, { scheme: 'standard-webhooks', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }, now);
    expect(standard.headers).toMatchObject({ 'webhook-id': 'evt_123', 'webhook-timestamp': String(now) });
    const hex = buildWebhookRequest(event, { scheme: 'sha256-hex', secrets: [secret] }, now);
    expect(hex.headers['X-Webhook-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('is JSON, says who sends it, and carries nothing secret besides the signature', () => {
    const request = buildWebhookRequest(event, { scheme: 'payrail', secrets: [secret] }, 1_764_000_000);
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(request.headers['User-Agent']).toBe('Payrail/1.0 (+webhooks)');
    expect(JSON.stringify(request)).not.toContain(secret);
  });
});
