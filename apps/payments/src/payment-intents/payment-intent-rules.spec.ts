import { PayrailError } from '@payrail/errors';
import { assertAmount, planUpdate, returnUrlWith, tokensEqual, unexpectedState } from './payment-intent-rules.js';
import { PaymentIntentEntity } from './payment-intent.entity.js';

function intent(overrides: Partial<PaymentIntentEntity> = {}): PaymentIntentEntity {
  return Object.assign(new PaymentIntentEntity(), {
    id: 'pi_1',
    merchantId: 'acct_1',
    livemode: false,
    amount: '1000',
    currency: 'usd',
    status: 'requires_payment_method',
    captureMethod: 'automatic',
    confirmationMethod: 'automatic',
    clientSecret: 'pi_1_secret_abc',
    description: null,
    metadata: { keep: '1', drop: '2' },
    paymentMethod: null,
    paymentMethodTypes: ['card'],
    latestCharge: null,
    lastPaymentError: null,
    amountReceived: '0',
    amountCapturable: '0',
    customer: null,
    receiptEmail: null,
    statementDescriptor: null,
    canceledAt: null,
    cancellationReason: null,
    attempts: 0,
    nextAction: null,
    returnUrl: null,
    authenticationToken: null,
    pendingAuthorization: null,
    reconciliationAttempts: 0,
    reconciliationNextAt: null,
    reconciliationLastError: null,
    reconciliation: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  });
}

function refusal(run: () => unknown): PayrailError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PayrailError);
    return error as PayrailError;
  }
  throw new Error('expected a refusal');
}

describe('assertAmount', () => {
  it('calls an amount beyond 2^53 too large, not too small, with the currency\'s maximum', () => {
    for (const amount of [2 ** 53, 1e20]) {
      expect(refusal(() => assertAmount(amount, 'usd'))).toMatchObject({ code: 'amount_too_large', param: 'amount', message: 'Amount must be no more than USD 999,999.99.' });
    }
  });

  it('tells zero from a fraction', () => {
    expect(refusal(() => assertAmount(0, 'usd'))).toMatchObject({ code: 'amount_too_small', message: 'This value must be greater than or equal to 1.' });
    expect(refusal(() => assertAmount(10.5, 'usd'))).toMatchObject({ code: 'parameter_invalid', message: expect.stringContaining('Invalid integer: 10.5') });
  });
});

describe('planUpdate', () => {
  it('merges metadata and changes amount and currency before payment', () => {
    const { patch } = planUpdate(intent(), { amount: 1250, currency: 'GBP', metadata: { drop: '', add: '3' } });
    expect(patch).toEqual({ amount: '1250', currency: 'gbp', metadata: { keep: '1', add: '3' } });
  });

  it('asks for a new confirmation when the payment method changes', () => {
    const { patch, from } = planUpdate(intent(), { payment_method: 'pm_card_visa' });
    expect(patch).toMatchObject({ paymentMethod: 'pm_card_visa', status: 'requires_confirmation' });
    expect(from).toEqual(['requires_payment_method', 'requires_confirmation', 'requires_action']);
  });

  it('drops a pending 3D Secure link when the amount changes during authentication', () => {
    const pending = intent({ status: 'requires_action', authenticationToken: 't', pendingAuthorization: 'gtx_1', nextAction: { type: 'redirect_to_url', redirect_to_url: { url: '/x', return_url: null } } });
    expect(planUpdate(pending, { amount: 999 }).patch).toMatchObject({ status: 'requires_confirmation', nextAction: null, authenticationToken: null, pendingAuthorization: null });
    expect(planUpdate(pending, { description: 'note' }).patch).toEqual({ description: 'note' });
  });

  it.each(['processing', 'requires_capture', 'succeeded', 'canceled'] as const)('freezes payment fields once %s, with the intent in the error', (status) => {
    for (const change of [{ amount: 5 }, { currency: 'eur' }, { payment_method: 'pm_card_visa' }, { customer: 'cus_1' }, { capture_method: 'manual' as const }]) {
      const error = refusal(() => planUpdate(intent({ status }), change));
      expect(error.code).toBe('payment_intent_unexpected_state');
      expect(error.options.details?.payment_intent).toMatchObject({ id: 'pi_1', status });
    }
    expect(planUpdate(intent({ status }), { metadata: { order: '9' }, description: 'd', receipt_email: 'a@b.co' }).from).toEqual([status]);
  });

  it('refuses an amount beyond the currency\'s limit, an unknown currency and bad metadata', () => {
    expect(refusal(() => planUpdate(intent(), { amount: 100_000_000 })).code).toBe('amount_too_large');
    expect(refusal(() => planUpdate(intent(), { currency: 'zzz' })).param).toBe('currency');
    expect(refusal(() => planUpdate(intent(), { metadata: { 'a[b]': 'x' } })).param).toBe('metadata[a[b]]');
  });

  it('clears all metadata with an empty string', () => {
    expect(planUpdate(intent(), { metadata: '' }).patch).toEqual({ metadata: {} });
  });
});

describe('returnUrlWith', () => {
  it('keeps the merchant\'s query and adds Stripe\'s parameters', () => {
    const url = new URL(returnUrlWith('https://shop.example/done?order=7', intent(), 'succeeded'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      order: '7',
      payment_intent: 'pi_1',
      payment_intent_client_secret: 'pi_1_secret_abc',
      redirect_status: 'succeeded',
    });
  });
});

describe('tokensEqual', () => {
  it('matches only the same token', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual(null, 'abc')).toBe(false);
    expect(tokensEqual('abc', undefined)).toBe(false);
  });
});

describe('unexpectedState', () => {
  it('says what was attempted, in which status, and where it is allowed', () => {
    const error = unexpectedState(intent({ status: 'succeeded' }), 'cancel', ['requires_payment_method', 'requires_capture']);
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture.',
    );
  });
});
