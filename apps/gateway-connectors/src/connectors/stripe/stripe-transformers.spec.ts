import { GatewayOutcomeUnknownError } from '../../http/gateway-http-client.js';
import type { StripeBalanceTransaction, StripePaymentIntent, StripeRefund } from './stripe-api.js';
import { authorizationOf, captureResultOf, decimalStringOf, gatewayFeeOf, refundResultOf, syncResultOf, voidResultOf } from './stripe-transformers.js';

/** PaymentIntents shaped as Stripe documents them (https://docs.stripe.com/api/payment_intents/object), charge and payment method expanded. */
function intent(overrides: Partial<StripePaymentIntent>): StripePaymentIntent {
  return {
    id: 'pi_3Mt',
    object: 'payment_intent',
    status: 'succeeded',
    amount: 2000,
    currency: 'usd',
    capture_method: 'automatic_async',
    latest_charge: { id: 'ch_3Mt', outcome: { network_status: 'approved_by_network', risk_level: 'normal', seller_message: 'Payment complete.' } },
    payment_method: { id: 'pm_1', card: { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2030, funding: 'credit', country: 'US', fingerprint: 'Xt5EWLLDS7FJjR1c' } },
    ...overrides,
  };
}

/** A card charge's balance transaction as Stripe documents it (https://docs.stripe.com/api/balance_transactions/object). */
function balanceTransaction(overrides: Partial<StripeBalanceTransaction> = {}): StripeBalanceTransaction {
  return {
    id: 'txn_1Mt',
    object: 'balance_transaction',
    amount: 2000,
    currency: 'usd',
    fee: 88,
    fee_details: [{ amount: 88, currency: 'usd', type: 'stripe_fee' }],
    exchange_rate: null,
    ...overrides,
  };
}

const charged = (transaction: StripeBalanceTransaction | string | null) => ({ id: 'ch_3Mt', outcome: { network_status: 'approved_by_network', seller_message: 'Payment complete.' }, balance_transaction: transaction });

describe('Stripe PaymentIntent mapping', () => {
  it.each(['succeeded', 'requires_capture'] as const)('takes %s for an authorisation that succeeded', (status) => {
    expect(authorizationOf(intent({ status }))).toMatchObject({
      outcome: 'succeeded',
      networkStatus: 'approved_by_network',
      externalReference: 'pi_3Mt',
      card: { brand: 'mastercard', last4: '4444', fingerprint: 'Xt5EWLLDS7FJjR1c' },
    });
  });

  it("keeps Stripe's redirect URL for 3D Secure", () => {
    const result = authorizationOf(
      intent({ status: 'requires_action', latest_charge: null, next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://hooks.stripe.com/3d_secure_2/hosted?x=1' } } }),
    );
    expect(result).toMatchObject({ outcome: 'requires_action', redirectUrl: 'https://hooks.stripe.com/3d_secure_2/hosted?x=1' });
  });

  it('reads a failed confirmation from last_payment_error', () => {
    const result = authorizationOf(
      intent({
        status: 'requires_payment_method',
        latest_charge: { id: 'ch_1', outcome: { network_status: 'declined_by_network', risk_level: 'normal', seller_message: 'The bank returned the decline code `lost_card`.' } },
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.' },
      }),
    );
    expect(result).toMatchObject({ outcome: 'declined', failureCode: 'card_declined', declineCode: 'lost_card', networkStatus: 'declined_by_network' });
  });

  it('leaves a processing intent unknown rather than guessing', () => {
    expect(() => authorizationOf(intent({ status: 'processing' }))).toThrow(GatewayOutcomeUnknownError);
  });

  it('syncs the amount, currency and capture method Stripe recorded', () => {
    const result = syncResultOf(intent({ status: 'requires_capture', capture_method: 'manual' }));
    expect(result).toMatchObject({ status: 'found', amount: 2000, currency: 'usd', captureMethod: 'manual', answer: { outcome: 'succeeded' } });
    expect(result.status === 'found' && result.answer.redirectUrl).toBeNull();
  });

  it("syncs an intent still waiting for the customer's 3D Secure with Stripe's redirect URL, so the customer can be sent there again", () => {
    // As Stripe documents a PaymentIntent confirmed with a return_url that needs 3D Secure (next_action.redirect_to_url).
    const waiting = intent({
      status: 'requires_action',
      latest_charge: null,
      next_action: {
        type: 'redirect_to_url',
        redirect_to_url: { return_url: 'https://shop.example/checkout/done', url: 'https://hooks.stripe.com/redirect/authenticate/src_1Mt?client_secret=src_client_secret_x' },
      },
    });
    expect(syncResultOf(waiting)).toMatchObject({
      status: 'found',
      answer: { outcome: 'requires_action', networkStatus: 'not_sent_to_network', redirectUrl: 'https://hooks.stripe.com/redirect/authenticate/src_1Mt?client_secret=src_client_secret_x' },
    });
    // Confirmed without a return_url, Stripe asks for its own SDK instead: no URL to send the customer to.
    expect(authorizationOf(intent({ status: 'requires_action', latest_charge: null, next_action: { type: 'use_stripe_sdk' } })).redirectUrl).toBeNull();
  });

  it('settles captures, voids and refunds by the status Stripe reports', () => {
    expect(captureResultOf(intent({ status: 'succeeded' }))).toEqual({ status: 'succeeded', externalReference: 'pi_3Mt' });
    expect(voidResultOf(intent({ status: 'canceled' }))).toEqual({ status: 'succeeded', externalReference: 'pi_3Mt' });
    expect(voidResultOf(intent({ status: 'succeeded' })).status).toBe('failed');
    expect(refundResultOf({ id: 're_1', object: 'refund', status: 'pending' })).toEqual({ status: 'pending', externalReference: 're_1' });
    expect(refundResultOf({ id: 're_1', object: 'refund', status: 'failed', failure_reason: 'expired_or_canceled_card' })).toMatchObject({
      status: 'failed',
      failureReason: 'expired_or_canceled_card',
    });
  });

  describe("how Stripe paid a refund out, from the refund's balance transaction", () => {
    it('keeps the amount taken from the balance in the settlement currency (unsigned) and the refund’s own rate when Stripe converted it', () => {
      const paidOut = balanceTransaction({ amount: -9_100, currency: 'EUR', exchange_rate: 0.91, fee: 0, fee_details: [] });
      const expected = { amount: 0, currency: 'eur', settlement: { amount: 9_100, currency: 'eur', exchangeRate: '0.91' } };
      expect(refundResultOf({ id: 're_1', object: 'refund', status: 'succeeded', balance_transaction: paidOut })).toEqual({ status: 'succeeded', externalReference: 're_1', gatewayFee: expected });
      expect(refundResultOf({ id: 're_1', object: 'refund', status: 'pending', balance_transaction: paidOut })).toEqual({ status: 'pending', externalReference: 're_1', gatewayFee: expected });
      expect(refundResultOf({ id: 're_1', object: 'refund', status: 'failed', balance_transaction: paidOut })).not.toHaveProperty('gatewayFee');
    });

    it('says nothing for a refund in the settlement currency, an unexpanded balance transaction, or one that does not read as a refund’s', () => {
      const refund = (balance_transaction: StripeRefund['balance_transaction']) => refundResultOf({ id: 're_1', object: 'refund', status: 'succeeded', balance_transaction });
      for (const unsaid of [balanceTransaction({ amount: -500, fee: 0 }), 'txn_1', null, balanceTransaction({ amount: 500, exchange_rate: 0.9 }), balanceTransaction({ amount: -500, fee: -20, exchange_rate: 0.9 }), balanceTransaction({ amount: -500, exchange_rate: 0 })]) {
        expect(refund(unsaid)).toEqual({ status: 'succeeded', externalReference: 're_1' });
      }
    });
  });

  describe("Stripe's fee, from the captured charge's balance transaction", () => {
    it('reports the fee of a payment captured at once, and of a capture', () => {
      const paid = intent({ status: 'succeeded', latest_charge: charged(balanceTransaction()) });
      expect(authorizationOf(paid).gatewayFee).toEqual({ amount: 88, currency: 'usd' });
      expect(syncResultOf(paid)).toMatchObject({ answer: { gatewayFee: { amount: 88, currency: 'usd' } } });
      expect(captureResultOf(paid)).toEqual({ status: 'succeeded', externalReference: 'pi_3Mt', gatewayFee: { amount: 88, currency: 'usd' } });
    });

    it('keeps the fee in the currency Stripe charged it in, with the settled gross and the rate when the account settles in another', () => {
      // A USD charge on an account settling in EUR: amount converted at exchange_rate, the fee (tax included) in EUR.
      const settledInEur = balanceTransaction({ amount: 1838, currency: 'eur', exchange_rate: 0.919, fee: 95, fee_details: [{ amount: 80, currency: 'eur', type: 'stripe_fee' }, { amount: 15, currency: 'eur', type: 'tax' }] });
      const expected = { amount: 95, currency: 'eur', settlement: { amount: 1838, currency: 'eur', exchangeRate: '0.919' } };
      expect(authorizationOf(intent({ latest_charge: charged(settledInEur) })).gatewayFee).toEqual(expected);
      expect(captureResultOf(intent({ latest_charge: charged(settledInEur) })).gatewayFee).toEqual(expected);
      expect(gatewayFeeOf(charged(balanceTransaction({ currency: 'EUR', amount: 1_234_567, exchange_rate: 1.234567 })))).toEqual({
        amount: 88,
        currency: 'eur',
        settlement: { amount: 1_234_567, currency: 'eur', exchangeRate: '1.234567' },
      });
    });

    it('reports no conversion for a charge in the settlement currency, or one whose rate or settled amount does not read as one', () => {
      expect(gatewayFeeOf(charged(balanceTransaction()))).toEqual({ amount: 88, currency: 'usd' });
      for (const broken of [{ exchange_rate: 0 }, { exchange_rate: -0.9 }, { exchange_rate: Number.NaN }, { exchange_rate: 0.9, amount: 12.5 }, { exchange_rate: 0.9, amount: -1 }]) {
        expect(gatewayFeeOf(charged(balanceTransaction({ currency: 'eur', ...broken })))).toEqual({ amount: 88, currency: 'eur' });
      }
    });

    it('says nothing of a fee before capture, or when the balance transaction is missing or not expanded', () => {
      expect(authorizationOf(intent({ status: 'requires_capture', capture_method: 'manual', latest_charge: charged(null) }))).not.toHaveProperty('gatewayFee');
      expect(authorizationOf(intent({ latest_charge: charged('txn_1Mt') }))).not.toHaveProperty('gatewayFee');
      expect(authorizationOf(intent({ latest_charge: charged(null) }))).not.toHaveProperty('gatewayFee');
      expect(authorizationOf(intent({ latest_charge: 'ch_3Mt' }))).not.toHaveProperty('gatewayFee');
      expect(captureResultOf(intent({ latest_charge: charged(balanceTransaction({ fee: -1 })) }))).not.toHaveProperty('gatewayFee');
    });

    it('awaits the fee of a captured charge Stripe has not accounted yet, naming the charge to ask about', () => {
      expect(authorizationOf(intent({ latest_charge: charged(null) })).gatewayFeeAwaited).toEqual({ reference: 'ch_3Mt' });
      expect(authorizationOf(intent({ latest_charge: charged('txn_1Mt') })).gatewayFeeAwaited).toEqual({ reference: 'ch_3Mt' });
      expect(authorizationOf(intent({ latest_charge: 'ch_3Mt' })).gatewayFeeAwaited).toEqual({ reference: 'ch_3Mt' });
      expect(captureResultOf(intent({ latest_charge: charged(null) }))).toEqual({ status: 'succeeded', externalReference: 'pi_3Mt', gatewayFeeAwaited: { reference: 'ch_3Mt' } });
      expect(syncResultOf(intent({ latest_charge: charged(null) }))).toMatchObject({ answer: { gatewayFeeAwaited: { reference: 'ch_3Mt' } } });
    });

    it('awaits nothing before capture, once the fee is known, or when the balance transaction does not read as a fee', () => {
      expect(authorizationOf(intent({ status: 'requires_capture', capture_method: 'manual', latest_charge: charged(null) }))).not.toHaveProperty('gatewayFeeAwaited');
      expect(authorizationOf(intent({ latest_charge: charged(balanceTransaction()) }))).not.toHaveProperty('gatewayFeeAwaited');
      expect(captureResultOf(intent({ latest_charge: charged(balanceTransaction({ fee: -1 })) }))).not.toHaveProperty('gatewayFeeAwaited');
      expect(authorizationOf(intent({ status: 'requires_payment_method', latest_charge: charged(null) }))).not.toHaveProperty('gatewayFeeAwaited');
    });
  });

  describe("Stripe's exchange rate as a decimal string", () => {
    it.each([
      [0.92, '0.92'],
      [1.234567, '1.234567'],
      [149.7, '149.7'],
      [0.006681, '0.006681'],
      [0.00000012, '0.00000012'],
      [1.5e-7, '0.00000015'],
      [3.4e21, '3400000000000000000000'],
      [2, '2'],
    ])('reads %p as %s', (rate, text) => {
      expect(decimalStringOf(rate)).toBe(text);
    });

    it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('reads %p as no rate', (rate) => {
      expect(decimalStringOf(rate)).toBeUndefined();
    });
  });
});
