const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

const UNPARSABLE = 'The request body could not be parsed. Send JSON or form-encoded parameters.';
/** The four headers of an HMAC-signed request: refused before authentication, so their values do not matter. */
const SIGNED = { 'x-api-key': 'gk_test_x', 'x-api-timestamp': `${Math.floor(Date.now() / 1000)}`, 'x-api-nonce': 'n-refusal', 'x-api-signature': 'ab'.repeat(32) };

async function send(method: string, path: string, { json, headers = {} }: { json?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: json === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: json,
  });
  return { status: response.status, body: (await response.json()) as unknown, cacheControl: response.headers.get('cache-control') };
}

/**
 * A body that cannot be parsed and a parameter with a NUL character are refused before Nest routes the
 * request, and before authentication (none is sent here): the refusal must still come in the error body
 * of the document whose path was called, so that code written against that document can read it.
 */
describe('a malformed request refused before routing', () => {
  describe("on the gateway API document's surface", () => {
    it('gets its 400 body for an unparsable JSON body', async () => {
      expect(await send('POST', '/api/v1/pay', { json: '{"amount": 10' })).toMatchObject({ status: 400, body: { success: false, message: UNPARSABLE, code: 400 } });
    });

    it('gets its 400 body for a NUL character, in a path id and in a signed list filter of the path it shares', async () => {
      const inPath = await send('GET', '/api/v1/transaction/ord_%00');
      expect(inPath).toMatchObject({ status: 400, body: { success: false, code: 400 } });
      expect((inPath.body as { message: string }).message).toContain('NUL character');

      const signedList = await send('GET', '/api/v1/transactions?status=paid%00', { headers: SIGNED });
      expect(signedList).toMatchObject({ status: 400, body: { success: false, code: 400 } });
      expect((signedList.body as { message: string }).message).toBe('Invalid status: parameters cannot contain the NUL character (\\u0000).');
    });
  });

  describe("on the Payment Engine document's surface", () => {
    it('gets its error body for an unparsable JSON body', async () => {
      const { status, body } = await send('POST', '/api/v1/transactions', { json: '{"amount":' });
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: 'INVALID_REQUEST', message: UNPARSABLE, details: {}, timestamp: expect.any(String) as string, requestId: expect.any(String) as string } });
    });

    it('gets its error body, naming the field, for a NUL character in the unsigned list of the shared path', async () => {
      const { status, body } = await send('GET', '/api/v1/transactions?status=paid%00', { headers: { authorization: 'Bearer sk_test_not_checked' } });
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { field: 'status' } } });
    });
  });

  describe("on the M-Pesa API document's surface", () => {
    it('gets its error body for an unparsable JSON body', async () => {
      expect(await send('POST', '/api/payment/mpesa', { json: '{"phone_number":' })).toMatchObject({
        status: 400,
        body: { error: UNPARSABLE, code: 'INVALID_REQUEST', details: {} },
      });
    });

    it('gets its error body, naming the field, for a NUL character', async () => {
      const { status, body } = await send('POST', '/api/payment/mpesa', { json: JSON.stringify({ phone_number: '254708374149\u0000', amount: 10 }) });
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 'INVALID_PHONE', details: { field: 'phone_number' } });
      expect((body as { error: string }).error).toContain('NUL character');
    });
  });

  it('answers a body too large, a lone surrogate and too deep a nesting in the surface\'s body too', async () => {
    const tooLarge = await send('POST', '/api/payment/mpesa', { json: JSON.stringify({ phone_number: '254708374149', amount: 10, padding: 'x'.repeat(300_000) }) });
    expect(tooLarge).toMatchObject({ status: 400, body: { error: 'The request body is too large.', code: 'INVALID_REQUEST', details: {} } });

    const surrogate = await send('POST', '/api/v1/transactions', { json: '{"description": "caf\\ud800"}' });
    expect(surrogate).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', details: { field: 'description' } } } });

    let nested: unknown = 'x';
    for (let level = 0; level < 40; level++) nested = [nested];
    const tooDeep = await send('POST', '/api/v1/pay', { json: JSON.stringify({ metadata: nested }) });
    expect(tooDeep).toMatchObject({ status: 400, body: { success: false, code: 400 } });
    expect((tooDeep.body as { message: string }).message).toContain('nested');
  });

  it("keeps Payrail's envelope on Payrail's API and OAuth's format, uncached, on the OAuth endpoints", async () => {
    expect(await send('POST', '/v1/customers', { json: '{' })).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'body_invalid', message: UNPARSABLE } },
    });
    expect(await send('POST', '/oauth/token', { json: '{' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: UNPARSABLE },
      cacheControl: 'no-store',
    });
  });
});
