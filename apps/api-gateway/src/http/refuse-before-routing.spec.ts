import { PayrailError } from '@payrail/errors';
import { malformedRequestResponse } from './refuse-before-routing.js';

const nul = () => new PayrailError('parameter_invalid', 'Invalid metadata[order]: parameters cannot contain the NUL character (\\u0000).', { param: 'metadata[order]' });
const unparsable = () => new PayrailError('body_invalid', 'The request body could not be parsed. Send JSON or form-encoded parameters.');

describe('malformedRequestResponse', () => {
  it("answers on the gateway API document's surface with its 400 body, not its 422 validation body", () => {
    expect(malformedRequestResponse('gateway-api', nul(), 'req_1')).toEqual({
      status: 400,
      body: { success: false, message: nul().message, code: 400 },
    });
    expect(malformedRequestResponse('gateway-api', unparsable(), 'req_1')).toEqual({
      status: 400,
      body: { success: false, message: unparsable().message, code: 400 },
    });
  });

  it("answers on the Payment Engine's surface with its body, code INVALID_REQUEST, the field and the request id", () => {
    const { status, body } = malformedRequestResponse('payment-engine', nul(), 'req_1');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: 'INVALID_REQUEST', message: nul().message, details: { field: 'metadata[order]' }, timestamp: expect.any(String) as string, requestId: 'req_1' },
    });
  });

  it("answers on the M-Pesa API document's surface with its body", () => {
    expect(malformedRequestResponse('mpesa-api', unparsable(), 'req_1')).toEqual({
      status: 400,
      body: { error: unparsable().message, code: 'INVALID_REQUEST', details: {} },
    });
    expect(malformedRequestResponse('mpesa-api', new PayrailError('parameter_invalid', 'Bad.', { param: 'mpesa[phone_number]' }), null).body).toEqual({
      error: 'Bad.',
      code: 'INVALID_PHONE',
      details: { field: 'phone_number' },
    });
  });

  it("answers OAuth's endpoints in RFC 6749's format, uncached, and Payrail's API in its envelope", () => {
    expect(malformedRequestResponse('oauth', unparsable(), 'req_1')).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: unparsable().message },
      headers: { 'Cache-Control': 'no-store' },
    });
    expect(malformedRequestResponse('payrail', nul(), 'req_1')).toEqual({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', message: nul().message, param: 'metadata[order]', request_id: 'req_1' } },
    });
  });
});
