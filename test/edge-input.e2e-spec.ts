import type { MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

interface ErrorAnswer {
  error: { type: string; code: string; param?: string; message: string };
}

/**
 * Input a hostile client sends to the edge: bodies nested 60,000 levels deep, lone UTF-16 surrogates,
 * made-up payment method types, amounts that are not integers or are far too large. Each is a 400 that
 * names the parameter and says what is wrong, and no payment intent comes of it.
 */
describe('hostile input at the edge', () => {
  const auth = { authorization: `Bearer ${credentials.secret_key}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const form = { ...auth, 'content-type': 'application/x-www-form-urlencoded' };
  let customer: string;

  beforeAll(async () => {
    const created = await fetch(`${baseUrl}/v1/customers`, { method: 'POST', headers: form, body: 'name=Edge%20Probe' });
    expect(created.status).toBe(200);
    customer = ((await created.json()) as { id: string }).id;
  });

  async function refused(response: Response): Promise<ErrorAnswer['error']> {
    const answer = (await response.json()) as ErrorAnswer;
    expect(response.status).toBe(400);
    expect(answer.error.type).toBe('invalid_request_error');
    return answer.error;
  }

  const createWithJson = (params: Record<string, unknown>, headers: Record<string, string> = json) =>
    fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers, body: JSON.stringify({ amount: 1000, currency: 'usd', customer, ...params }) });
  const createWithForm = (params: string) =>
    fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: form, body: `currency=usd&customer=${customer}&${params}` });

  describe('nesting 60,000 levels deep', () => {
    const deepJson = () => `{"amount":1000,"currency":"usd","customer":"${customer}","metadata":${'['.repeat(60_000)}${']'.repeat(60_000)}}`;

    it('is a 400 naming the parameter in a JSON body, not a 500', async () => {
      const error = await refused(await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: json, body: deepJson() }));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'metadata', message: 'Invalid metadata: parameters cannot be nested more than 32 levels deep.' });
    });

    it('is a 400 before authentication too: the probe needs no key', async () => {
      const error = await refused(await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deepJson() }));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'metadata' });
    });

    it('is a 400 naming the parameter in a form body', async () => {
      const error = await refused(await createWithForm(`amount=1000&metadata${'[a]'.repeat(60_000)}=x`));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'metadata', message: expect.stringContaining('nested more than 32 levels') });
    });

    it('is a 400 in a query string', async () => {
      const error = await refused(await fetch(`${baseUrl}/v1/payment_intents?customer${'[a]'.repeat(40)}=x`, { headers: auth }));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'customer' });
    });
  });

  describe('a lone UTF-16 surrogate', () => {
    it.each([
      ['a metadata value', { metadata: { order: 'A-\ud800' } }, 'metadata[order]'],
      ['the description', { description: 'Order \udc00 17' }, 'description'],
    ])('in %s is a 400 naming the parameter, not a database error', async (_where, params, param) => {
      const body = JSON.stringify({ amount: 1000, currency: 'usd', customer, ...params });
      expect(body).toMatch(/\\ud[89abcdef][0-9a-f]{2}/);
      const error = await refused(await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: json, body }));
      expect(error).toMatchObject({ code: 'parameter_invalid', param });
      expect(error.message).toContain('surrogate');
    });

    it('passes as half of a pair: an emoji is stored as sent', async () => {
      const response = await fetch(`${baseUrl}/v1/payment_intents`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ amount: 1000, currency: 'usd', description: 'Gift 🎁', metadata: { note: '🎄' } }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ description: 'Gift 🎁', metadata: { note: '🎄' } });
    });
  });

  describe('payment_method_types', () => {
    it('refuses a type Payrail does not support, naming it', async () => {
      const error = await refused(await createWithJson({ payment_method_types: ['card', 'bitcoin'] }));
      expect(error).toMatchObject({
        code: 'parameter_invalid',
        param: 'payment_method_types',
        message: 'Invalid payment_method_types: "bitcoin" is not a payment method type Payrail supports (supported: card, upi, mpesa, apple_pay, google_pay).',
      });
    });

    it('refuses 60,000 made-up entries at the first one', async () => {
      const error = await refused(await createWithJson({ payment_method_types: Array.from({ length: 60_000 }, () => 'x') }));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method_types', message: expect.stringContaining('"x" is not a payment method type') });
    });

    it('keeps each supported type once, under either name', async () => {
      const fromForm = await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: form, body: `amount=1000&currency=usd${'&payment_method_types[]=card'.repeat(500)}` });
      expect(fromForm.status).toBe(200);
      expect(await fromForm.json()).toMatchObject({ payment_method_types: ['card'] });
      const fromJson = await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: json, body: JSON.stringify({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card', 'card'] }) });
      expect(fromJson.status).toBe(200);
      expect(await fromJson.json()).toMatchObject({ payment_method_types: ['card'] });
    });
  });

  describe('amount', () => {
    it.each([
      ['2^53', 2 ** 53],
      ['1e20', 1e20],
    ])('%s is amount_too_large, with the currency\'s maximum', async (_name, amount) => {
      const error = await refused(await createWithJson({ amount }));
      expect(error).toEqual(expect.objectContaining({ code: 'amount_too_large', param: 'amount', message: 'Amount must be no more than USD 999,999.99.' }));
    });

    it('too large leaves the idempotency key free for the corrected request, like every other refused parameter', async () => {
      const key = { 'idempotency-key': `edge-input-${Date.now()}-${Math.random()}` };
      expect((await refused(await createWithJson({ amount: 2 ** 53 }, { ...json, ...key }))).code).toBe('amount_too_large');
      const corrected = await fetch(`${baseUrl}/v1/payment_intents`, { method: 'POST', headers: { ...json, ...key }, body: JSON.stringify({ amount: 1000, currency: 'usd' }) });
      expect(corrected.status).toBe(200);
      expect(await corrected.json()).toMatchObject({ object: 'payment_intent', amount: 1000 });
    });

    it('one past the maximum of a zero-decimal currency is amount_too_large in that currency', async () => {
      const error = await refused(await createWithJson({ amount: 100_000_000, currency: 'jpy' }));
      expect(error).toMatchObject({ code: 'amount_too_large', message: 'Amount must be no more than JPY 99,999,999.' });
    });

    it.each([['1e3'], [' 100'], ['0x10']])('%p in a form is not an integer, and says so', async (amount) => {
      const error = await refused(await createWithForm(`amount=${encodeURIComponent(amount)}`));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'amount' });
      expect(error.message).toContain(`Invalid integer: ${JSON.stringify(amount)}`);
      expect(error.message).not.toContain('less than');
    });

    it('zero is amount_too_small, in Stripe\'s words', async () => {
      const error = await refused(await createWithJson({ amount: 0 }));
      expect(error).toMatchObject({ code: 'amount_too_small', param: 'amount', message: 'This value must be greater than or equal to 1.' });
    });
  });

  it('created nothing for any refused request', async () => {
    // Every refused create named this customer: had one got through, it would be listed here.
    const listed = await fetch(`${baseUrl}/v1/payment_intents?customer=${customer}`, { headers: auth });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([]);
  });
});
