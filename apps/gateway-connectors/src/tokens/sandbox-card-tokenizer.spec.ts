import fc from 'fast-check';
import { PayrailError, serializeError } from '@payrail/errors';
import { SandboxConnector } from '../connectors/sandbox/sandbox.connector.js';
import { MemorySandboxJournal } from '../testing/memory-sandbox-journal.js';
import { SANDBOX_EXP_MONTH, SANDBOX_EXP_YEAR, TEST_CARDS } from '../connectors/sandbox/test-cards.js';
import { SandboxCardTokenizer } from './sandbox-card-tokenizer.js';

const config = { cardFingerprintKey: 'tokens-spec-key-0123456789abcdef0123' };
const tokenizer = new SandboxCardTokenizer(config);
const connector = new SandboxConnector(config, new MemorySandboxJournal());

function byNumber(number: string, exp_month = 11, exp_year = 2031) {
  return { livemode: false, source: { type: 'card_number' as const, number, exp_month, exp_year } };
}

async function refusal(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('SandboxCardTokenizer', () => {
  it.each(TEST_CARDS.map((card) => [card.pan, card.token, card.brand]))(
    'tokenises %s as the reference %s, which the sandbox authorises like the number',
    async (pan, token, brand) => {
      const tokenized = await tokenizer.tokenize(byNumber(pan));
      expect(tokenized).toEqual({
        connector: 'sandbox',
        token,
        card: { brand, last4: pan.slice(-4), exp_month: 11, exp_year: 2031, funding: expect.any(String), country: 'US', fingerprint: expect.any(String) },
      });
      expect(JSON.stringify(tokenized)).not.toMatch(/\d{12,}/);

      const request = { idempotencyKey: 'authorization:pi_1:1', livemode: false, amount: 100, currency: 'usd', captureMethod: 'automatic' as const };
      const [withToken, withNumber] = await Promise.all([
        connector.authorize({ ...request, paymentMethod: tokenized.token }),
        connector.authorize({ ...request, paymentMethod: pan }),
      ]);
      expect(withToken).toEqual(withNumber);
      expect(tokenized.card.fingerprint).toBe(withNumber.card.fingerprint);
    },
  );

  it('accepts spaces between digit groups, and gives the same fingerprint', async () => {
    const spaced = await tokenizer.tokenize(byNumber('4242 4242 4242 4242'));
    expect(spaced.token).toBe('pm_card_visa');
    expect(spaced.card.fingerprint).toBe((await tokenizer.tokenize(byNumber('4242424242424242'))).card.fingerprint);
  });

  it('declines a number that is not a test card, as Stripe does in test mode', async () => {
    const error = await refusal(tokenizer.tokenize(byNumber('4111111111111111')));
    expect(error).toMatchObject({ code: 'card_declined', status: 402, options: { declineCode: 'test_mode_live_card' } });
    expect(error.message).not.toContain('4111111111111111');
  });

  it('refuses a number that fails Luhn or is not a number', async () => {
    expect(await refusal(tokenizer.tokenize(byNumber('4242424242424241')))).toMatchObject({ code: 'incorrect_number' });
    expect(await refusal(tokenizer.tokenize(byNumber('not a card')))).toMatchObject({ code: 'invalid_number' });
    expect(await refusal(tokenizer.tokenize(byNumber('4242424242424242', 13)))).toMatchObject({ code: 'invalid_expiry_month' });
  });

  it('refuses raw numbers in live mode', async () => {
    const error = await refusal(tokenizer.tokenize({ ...byNumber('4242424242424242'), livemode: true }));
    expect(error).toMatchObject({ code: 'parameter_invalid', status: 400 });
    expect(error.message).not.toContain('4242424242424242');
  });

  it('tokenises a Stripe test token with the sandbox expiry, in test mode only', async () => {
    expect(await tokenizer.tokenize({ livemode: false, source: { type: 'test_token', token: 'pm_card_mastercard' } })).toMatchObject({
      token: 'pm_card_mastercard',
      card: { brand: 'mastercard', last4: '4444', exp_month: SANDBOX_EXP_MONTH, exp_year: SANDBOX_EXP_YEAR },
    });
    expect(await refusal(tokenizer.tokenize({ livemode: true, source: { type: 'test_token', token: 'pm_card_visa' } }))).toMatchObject({
      code: 'resource_missing',
      message: expect.stringContaining('live mode key'),
    });
    expect(await refusal(tokenizer.tokenize({ livemode: false, source: { type: 'test_token', token: 'pm_card_nope' } }))).toMatchObject({
      code: 'resource_missing',
      message: "No such PaymentMethod: 'pm_card_nope'",
    });
  });

  it('never echoes a number in an error, whatever it is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9]{12,19}$/), fc.boolean(), async (number, asToken) => {
        const source = asToken ? { type: 'test_token' as const, token: number } : { type: 'card_number' as const, number, exp_month: 1, exp_year: 2040 };
        const outcome = await tokenizer.tokenize({ livemode: false, source }).then(
          (result) => JSON.stringify(result),
          (error: unknown) => JSON.stringify(serializeError(error)),
        );
        expect(outcome).not.toContain(number);
      }),
      { numRuns: 300 },
    );
  });
});
