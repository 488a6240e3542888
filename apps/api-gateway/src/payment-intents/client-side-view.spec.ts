import type { PaymentIntentResource, PaymentMethodResource } from '@payrail/contracts';
import { viewFor } from './client-side-view.js';

const paymentMethod: PaymentMethodResource = {
  id: 'pm_1',
  object: 'payment_method',
  type: 'card',
  allow_redisplay: 'unspecified',
  billing_details: {
    address: { city: 'Springfield', country: 'US', line1: '742 Evergreen Terrace', line2: null, postal_code: '49007', state: 'OR' },
    email: 'homer@example.com',
    name: 'Homer Simpson',
    phone: '+15555550100',
  },
  card: {
    brand: 'visa',
    checks: { address_line1_check: 'unchecked', address_postal_code_check: 'unchecked', cvc_check: 'unchecked' },
    country: 'US',
    display_brand: 'visa',
    exp_month: 12,
    exp_year: 2030,
    fingerprint: 'fpSECRET123',
    funding: 'credit',
    generated_from: null,
    last4: '4242',
    networks: { available: ['visa'], preferred: null },
    regulated_status: null,
    three_d_secure_usage: { supported: true },
    wallet: null,
  },
  created: 1767225600,
  customer: 'cus_owner',
  livemode: false,
  metadata: { crm: 'vip-1' },
};

const intent = (fields: Partial<PaymentIntentResource> | { payment_method: PaymentMethodResource }): PaymentIntentResource => ({
  id: 'pi_1', object: 'payment_intent', amount: 1500, amount_capturable: 0, amount_received: 1500, currency: 'usd', status: 'succeeded',
  client_secret: 'pi_1_secret_x', capture_method: 'automatic', confirmation_method: 'automatic', created: 1767225600, livemode: false,
  metadata: { order: 'internal-42' }, description: null, payment_method: 'pm_1', payment_method_types: ['card'], latest_charge: 'ch_1',
  last_payment_error: null, next_action: null, canceled_at: null, cancellation_reason: null, customer: 'cus_owner', receipt_email: null,
  statement_descriptor: null, reconciliation: null, ...fields,
}) as PaymentIntentResource;

describe('what client-side code sees of a payment intent', () => {
  it('shows a secret key everything, expanded or not', () => {
    const expanded = intent({ payment_method: paymentMethod });
    expect(viewFor('secret', expanded)).toBe(expanded);
  });

  it('shows a publishable key the payment\'s state, but not the customer or the merchant\'s metadata', () => {
    const seen = viewFor('publishable', intent({}));
    expect(seen).toMatchObject({ id: 'pi_1', status: 'succeeded', amount_received: 1500, payment_method: 'pm_1', client_secret: 'pi_1_secret_x' });
    expect(seen).not.toHaveProperty('customer');
    expect(seen).not.toHaveProperty('metadata');
    expect(viewFor('publishable', intent({ payment_method: null })).payment_method).toBeNull();
  });

  it('shows a publishable key nothing of the reconciliation with the gateway, which is for the merchant', () => {
    const reconciliation = { status: 'gave_up' as const, attempts: 9, next_attempt_at: null, last_error: 'stripe could not be asked right now' };
    const processing = intent({ status: 'processing', reconciliation });
    expect(viewFor('secret', processing)).toMatchObject({ reconciliation });
    expect(viewFor('publishable', processing)).not.toHaveProperty('reconciliation');
  });

  it('shows a publishable key the expanded card without its customer, fingerprint or billing details', () => {
    const seen = viewFor('publishable', intent({ payment_method: paymentMethod }));
    expect(seen.payment_method).toEqual({
      id: 'pm_1', object: 'payment_method', type: 'card', allow_redisplay: 'unspecified', created: 1767225600, livemode: false,
      card: { ...paymentMethod.card, fingerprint: undefined },
    });
    const text = JSON.stringify(seen);
    for (const secret of ['cus_owner', 'fpSECRET123', 'Homer', 'Evergreen', 'homer@example.com', '49007', 'vip-1', 'internal-42']) expect(text).not.toContain(secret);
  });
});
