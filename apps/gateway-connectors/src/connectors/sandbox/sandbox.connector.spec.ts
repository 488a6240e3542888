import { PayrailError } from '@payrail/errors';
import type { ConnectorAuthorizeRequest } from '../../routing/payment-connector.js';
import { MemorySandboxJournal } from '../../testing/memory-sandbox-journal.js';
import type { SandboxDisputeSink } from './sandbox-dispute-sink.js';
import { SandboxConnector } from './sandbox.connector.js';
import { SANDBOX_EXP_MONTH, SANDBOX_EXP_YEAR, TEST_CARDS } from './test-cards.js';

const KEY = 'k'.repeat(32);
const connector = new SandboxConnector({ cardFingerprintKey: KEY }, new MemorySandboxJournal());

let attempts = 0;

/** A new attempt each time (the sandbox answers a repeated key with its first answer), unless the key is given. */
function request(paymentMethod: string, overrides: Partial<ConnectorAuthorizeRequest> = {}): ConnectorAuthorizeRequest {
  attempts += 1;
  return { idempotencyKey: `authorization:pi_1:${attempts}`, livemode: false, amount: 2000, currency: 'usd', paymentMethod, captureMethod: 'automatic', ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

const DECLINED = 'declined_by_network';
// token, number, outcome, failure code, decline code, message, risk, brand
const EXPECTED: Array<[string, string, 'succeeded' | 'declined' | 'requires_action', string?, string?, string?, string?, string?]> = [
  ['pm_card_visa', '4242424242424242', 'succeeded', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_mastercard', '5555555555554444', 'succeeded', undefined, undefined, undefined, 'normal', 'mastercard'],
  ['pm_card_amex', '378282246310005', 'succeeded', undefined, undefined, undefined, 'normal', 'amex'],
  ['pm_card_createDispute', '4000000000000259', 'succeeded', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_pendingRefund', '4000000000007726', 'succeeded', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_chargeDeclined', '4000000000000002', 'declined', 'card_declined', 'generic_decline', 'Your card was declined.', 'normal', 'visa'],
  ['pm_card_chargeDeclinedInsufficientFunds', '4000000000009995', 'declined', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.', 'normal', 'visa'],
  ['pm_card_chargeDeclinedExpiredCard', '4000000000000069', 'declined', 'expired_card', 'expired_card', 'Your card has expired.', 'normal', 'visa'],
  ['pm_card_chargeDeclinedIncorrectCvc', '4000000000000127', 'declined', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect.", 'normal', 'visa'],
  [
    'pm_card_chargeDeclinedProcessingError',
    '4000000000000119',
    'declined',
    'processing_error',
    'processing_error',
    'An error occurred while processing your card. Try again in a little bit.',
    'normal',
    'visa',
  ],
  ['pm_card_chargeDeclinedFraudulent', '4100000000000019', 'declined', 'card_declined', 'fraudulent', 'Your card was declined.', 'elevated', 'visa'],
  ['pm_card_authenticationRequired', '4000002760003184', 'requires_action', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_authenticationRequiredOnSetup', '4000002500003155', 'requires_action', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_threeDSecure2Required', '4000000000003220', 'requires_action', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_threeDSecureRequired', '4000000000003063', 'requires_action', undefined, undefined, undefined, 'normal', 'visa'],
  ['pm_card_discover', '6011111111111117', 'succeeded', undefined, undefined, undefined, 'normal', 'discover'],
  ['pm_card_diners', '3056930009020004', 'succeeded', undefined, undefined, undefined, 'normal', 'diners'],
  ['pm_card_jcb', '3566002020360505', 'succeeded', undefined, undefined, undefined, 'normal', 'jcb'],
  ['pm_card_unionpay', '6200000000000005', 'succeeded', undefined, undefined, undefined, 'normal', 'unionpay'],
];

describe('SandboxConnector', () => {
  it('covers every card of the table', () => {
    expect(EXPECTED.map(([token]) => token).sort()).toEqual(TEST_CARDS.map((card) => card.token).sort());
  });

  describe.each(EXPECTED)('%s / %s', (token, pan, outcome, failureCode, declineCode, failureMessage, riskLevel, brand) => {
    it.each([
      ['token', token],
      ['number', pan],
    ])('answers by %s like Stripe', async (_kind, paymentMethod) => {
      const result = await connector.authorize(request(paymentMethod));
      expect(result.outcome).toBe(outcome);
      expect(result.failureCode).toBe(failureCode);
      expect(result.declineCode).toBe(declineCode);
      expect(result.failureMessage).toBe(failureMessage);
      expect(result.riskLevel).toBe(riskLevel);
      expect(result.networkStatus).toBe({ succeeded: 'approved_by_network', declined: DECLINED, requires_action: 'not_sent_to_network' }[outcome]);
      expect(result.sellerMessage).toEqual(expect.any(String));
      expect(result.card).toEqual({
        brand,
        last4: pan.slice(-4),
        exp_month: SANDBOX_EXP_MONTH,
        exp_year: SANDBOX_EXP_YEAR,
        funding: 'credit',
        country: 'US',
        fingerprint: expect.stringMatching(/^\S{8,}$/),
      });
    });

    it('never returns the card number', async () => {
      for (const paymentMethod of [token, pan]) {
        const serialized = JSON.stringify(await connector.authorize(request(paymentMethod)));
        expect(serialized).not.toContain(pan);
        expect(serialized).not.toMatch(/\d{12,}/);
      }
    });

    it('gives the token and the number the same fingerprint', async () => {
      const byToken = await connector.authorize(request(token));
      const byNumber = await connector.authorize(request(pan));
      expect(byNumber.card.fingerprint).toBe(byToken.card.fingerprint);
      expect(byToken.card.fingerprint).not.toContain(pan);
    });
  });

  it('approves with the seller message Stripe gives', async () => {
    expect((await connector.authorize(request('pm_card_visa'))).sellerMessage).toBe('Payment complete.');
  });

  it('answers a repeated idempotency key with its first answer, as Stripe does', async () => {
    const first = await connector.authorize(request('pm_card_visa', { idempotencyKey: 'authorization:pi_repeat:1' }));
    expect(await connector.authorize(request('pm_card_chargeDeclined', { idempotencyKey: 'authorization:pi_repeat:1' }))).toMatchObject({
      outcome: 'succeeded',
      externalReference: first.externalReference,
    });
  });

  it('tells what it answered to a key, and refuses for good a key it was asked about before seeing it', async () => {
    await connector.authorize(request('pm_card_visa', { idempotencyKey: 'authorization:pi_sync:1' }));
    expect(await connector.sync({ idempotencyKey: 'authorization:pi_sync:1', livemode: false })).toMatchObject({
      status: 'found',
      amount: 2000,
      currency: 'usd',
      answer: { outcome: 'succeeded' },
    });
    expect(await connector.sync({ idempotencyKey: 'authorization:pi_sync:2', livemode: false })).toEqual({ status: 'not_found' });
    // Refused without an answer: a decline would be recorded as the attempt's outcome, against the sync's word.
    await expect(connector.authorize(request('pm_card_visa', { idempotencyKey: 'authorization:pi_sync:2' }))).rejects.toMatchObject({ code: 'gateway_unavailable' });
    expect(await connector.sync({ idempotencyKey: 'authorization:pi_sync:2', livemode: false })).toEqual({ status: 'not_found' });
  });

  it('keys fingerprints: another key, another fingerprint; another card, another fingerprint', async () => {
    const other = new SandboxConnector({ cardFingerprintKey: 'o'.repeat(32) }, new MemorySandboxJournal());
    const visa = await connector.authorize(request('pm_card_visa'));
    expect((await other.authorize(request('pm_card_visa'))).card.fingerprint).not.toBe(visa.card.fingerprint);
    expect((await connector.authorize(request('pm_card_mastercard'))).card.fingerprint).not.toBe(visa.card.fingerprint);
  });

  it('accepts a raw test number written in groups', async () => {
    const result = await connector.authorize(request('4242 4242 4242 4242'));
    expect(result.outcome).toBe('succeeded');
    expect(result.card.last4).toBe('4242');
  });

  it('refuses an unknown token as Stripe does', async () => {
    const error = await refusal(connector.authorize(request('pm_x')));
    expect(error.code).toBe('resource_missing');
    expect(error.message).toBe("No such PaymentMethod: 'pm_x'");
    expect(error.param).toBe('payment_method');
  });

  it('refuses test tokens and raw numbers in live mode, without echoing a number', async () => {
    const token = await refusal(connector.authorize(request('pm_card_visa', { livemode: true })));
    expect(token.code).toBe('resource_missing');
    const raw = await refusal(connector.authorize(request('4242424242424242', { livemode: true })));
    expect(raw.code).toBe('parameter_invalid');
    expect(raw.message).not.toMatch(/\d{12,}/);
  });

  it('refuses a mistyped number without echoing it', async () => {
    const error = await refusal(connector.authorize(request('4242424242424241')));
    expect(error.code).toBe('incorrect_number');
    expect(error.message).not.toContain('4242424242424241');
  });

  it('declines a valid non-test number in test mode and keeps only its last four digits', async () => {
    const result = await connector.authorize(request('4111111111111111'));
    expect(result).toMatchObject({ outcome: 'declined', failureCode: 'card_declined', declineCode: 'test_mode_live_card' });
    expect(result.card).toMatchObject({ brand: 'visa', last4: '1111' });
    expect(JSON.stringify(result)).not.toContain('4111111111111111');
  });

  it('does not echo a token that hides a card number', async () => {
    const error = await refusal(connector.authorize(request('pm_4242424242424242')));
    expect(error.message).not.toContain('4242424242424242');
  });

  it('approves after completed 3D Secure and declines after failed 3D Secure, as Stripe reports it', async () => {
    const base = { idempotencyKey: 'authentication:pi_1:1', livemode: false, amount: 2000, currency: 'usd', authorization: { externalReference: 'sbx_ch_x' } };
    const completed = await connector.completeAuthentication({ ...base, authenticated: true });
    expect(completed).toMatchObject({ outcome: 'succeeded', networkStatus: 'approved_by_network' });
    expect(completed.failureCode).toBeUndefined();
    const failed = await connector.completeAuthentication({ ...base, idempotencyKey: 'authentication:pi_2:1', authenticated: false });
    expect(failed).toMatchObject({ outcome: 'declined', failureCode: 'payment_intent_authentication_failure', networkStatus: 'not_sent_to_network' });
    expect(failed.failureMessage).toMatch(/failed authentication/);
  });

  it('captures and voids with a stable reference per request', async () => {
    const authorization = { externalReference: 'sbx_ch_x', amount: 2000, currency: 'usd' };
    const capture = await connector.capture({ idempotencyKey: 'capture:pi_1', livemode: false, amount: 1500, currency: 'usd', authorization });
    expect(capture.status).toBe('succeeded');
    expect(await connector.capture({ idempotencyKey: 'capture:pi_1', livemode: false, amount: 1500, currency: 'usd', authorization })).toEqual(capture);
    const voided = await connector.void({ idempotencyKey: 'void:pi_2', livemode: false, authorization });
    expect(voided.status).toBe('succeeded');
    expect(voided.externalReference).not.toBe(capture.externalReference);
  });

  it('refunds succeed, with a stable reference per refund', async () => {
    const refund = { idempotencyKey: 'refund:re_1', livemode: false, amount: 500, currency: 'usd', authorization: { externalReference: null, amount: 2000, currency: 'usd' } };
    const first = await connector.refund(refund);
    expect(first.status).toBe('succeeded');
    expect(await connector.refund(refund)).toEqual(first);
    expect((await connector.refund({ ...refund, idempotencyKey: 'refund:re_2' })).externalReference).not.toBe(first.externalReference);
  });
});

describe('sandbox disputes (Stripe test card 4000000000000259)', () => {
  const raised: Array<Parameters<SandboxDisputeSink['disputeAfterSuccess']>[0]> = [];
  const sink: SandboxDisputeSink = { disputeAfterSuccess: async (payment) => void raised.push(payment) };
  const disputing = new SandboxConnector({ cardFingerprintKey: KEY }, new MemorySandboxJournal(), sink);

  beforeEach(() => void raised.splice(0));

  it('succeeds, and then raises a dispute through the sandbox callback, by token or by number', async () => {
    const byToken = request('pm_card_createDispute', { amount: 4200 });
    const answer = await disputing.authorize(byToken);
    expect(answer).toMatchObject({ outcome: 'succeeded', card: { brand: 'visa', last4: '0259' } });
    expect(raised).toEqual([{ idempotencyKey: byToken.idempotencyKey, livemode: false, amount: 4200, currency: 'usd', externalReference: answer.externalReference }]);
    await disputing.authorize(request('4000 0000 0000 0259'));
    expect(raised).toHaveLength(2);
  });

  it('raises none for other cards, for manual capture, or for a declined attempt', async () => {
    await disputing.authorize(request('pm_card_visa'));
    await disputing.authorize(request('pm_card_createDispute', { captureMethod: 'manual' }));
    await disputing.authorize(request('pm_card_chargeDeclined'));
    expect(raised).toEqual([]);
  });

  it("answers pending for a refund of Stripe's pending-refund card, and succeeded when the refund is synced", async () => {
    for (const paymentMethod of ['pm_card_pendingRefund', '4000000000007726']) {
      const paid = await connector.authorize(request(paymentMethod));
      expect(paid.outcome).toBe('succeeded');
      const refund = {
        idempotencyKey: `refund:re_pending_${paymentMethod}`,
        livemode: false,
        amount: 500,
        currency: 'usd',
        authorization: { externalReference: paid.externalReference, amount: 2000, currency: 'usd' },
      };
      const pending = await connector.refund(refund);
      expect(pending).toEqual({ status: 'pending', externalReference: expect.stringMatching(/^sbx_re_/) });
      expect(await connector.syncRefund({ ...refund, externalReference: pending.externalReference })).toEqual({ status: 'succeeded', externalReference: pending.externalReference });
    }
  });

  it('refunds of any other card succeed at once, and a sync says the same', async () => {
    const paid = await connector.authorize(request('pm_card_visa'));
    const refund = { idempotencyKey: 'refund:re_visa', livemode: false, amount: 500, currency: 'usd', authorization: { externalReference: paid.externalReference, amount: 2000, currency: 'usd' } };
    const answer = await connector.refund(refund);
    expect(answer.status).toBe('succeeded');
    expect(await connector.syncRefund({ ...refund, externalReference: answer.externalReference })).toEqual(answer);
  });
});
