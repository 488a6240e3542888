import { ErrorCodes, classify } from './error-codes.js';
import { toErrorEnvelope } from './error-envelope.js';
import { PayrailError, deserializeError, isSerializedError, serializeError } from './payrail-error.js';
import { busValidationExceptionFactory, validationExceptionFactory } from './validation-exception.factory.js';

describe('error mapping', () => {
  it('gives every code a 4xx or 5xx status and a Stripe error type', () => {
    for (const code of ErrorCodes) {
      const { status, type } = classify(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(['invalid_request_error', 'authentication_error', 'card_error', 'idempotency_error', 'rate_limit_error', 'api_error']).toContain(type);
    }
  });

  it.each([
    ['parameter_invalid', 400, 'invalid_request_error'],
    ['resource_missing', 404, 'invalid_request_error'],
    ['api_key_invalid', 401, 'authentication_error'],
    ['permission_denied', 403, 'invalid_request_error'],
    ['card_declined', 402, 'card_error'],
    ['idempotency_error', 400, 'idempotency_error'],
    ['idempotency_key_in_use', 409, 'idempotency_error'],
    ['rate_limited', 429, 'rate_limit_error'],
    ['upstream_timeout', 504, 'api_error'],
    ['internal_error', 500, 'api_error'],
  ] as const)('maps %s to %i %s', (code, status, type) => {
    expect(classify(code)).toEqual({ status, type });
  });

  it('builds Stripe\'s envelope with param, decline code, details and the request id', () => {
    const error = new PayrailError('card_declined', 'Your card was declined.', {
      param: 'payment_method',
      declineCode: 'insufficient_funds',
      details: { payment_intent: { id: 'pi_1' } },
    });
    expect(toErrorEnvelope(error, 'req_1')).toEqual({
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          message: 'Your card was declined.',
          param: 'payment_method',
          decline_code: 'insufficient_funds',
          payment_intent: { id: 'pi_1' },
          request_id: 'req_1',
        },
      },
    });
  });

  it('never lets details override the envelope\'s own fields', () => {
    const error = new PayrailError('parameter_invalid', 'Bad.', { details: { type: 'api_error', code: 'x' } });
    expect(toErrorEnvelope(error, null).body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid' });
  });

  it('round-trips a domain error across the transport', () => {
    const error = new PayrailError('resource_missing', "No such refund: 're_x'", { param: 'id' });
    const copy = deserializeError(JSON.parse(JSON.stringify(serializeError(error))));
    expect(copy).toBeInstanceOf(PayrailError);
    expect(copy).toMatchObject({ code: 'resource_missing', message: error.message, param: 'id', status: 404 });
  });

  it('hides the cause of an unexpected error behind an error id', () => {
    const serialized = serializeError(new Error('connection string postgres://user:secret@db'));
    expect(serialized.code).toBe('internal_error');
    expect(serialized.message).not.toContain('secret');
    expect(serialized.details?.['error_id']).toMatch(/^err_/);
    expect(serialized.message).toContain(String(serialized.details?.['error_id']));
  });

  it('recognises serialized errors only when the code is in the catalogue', () => {
    expect(isSerializedError({ code: 'resource_missing', message: 'x' })).toBe(true);
    expect(isSerializedError({ code: 'made_up', message: 'x' })).toBe(false);
    expect(isSerializedError('resource_missing')).toBe(false);
  });
});

describe('validationExceptionFactory', () => {
  it('names an unknown parameter', () => {
    const error = validationExceptionFactory([{ property: 'colour', value: 'blue', constraints: { whitelistValidation: 'x' }, children: [] }]);
    expect(error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
  });

  it('names a missing parameter', () => {
    const error = validationExceptionFactory([{ property: 'amount', value: undefined, constraints: { isInt: 'amount must be an integer' }, children: [] }]);
    expect(error).toMatchObject({ code: 'parameter_missing', param: 'amount', status: 400 });
  });

  it('names a nested parameter in bracket notation', () => {
    const error = validationExceptionFactory([
      { property: 'card', value: {}, children: [{ property: 'exp_month', value: 13, constraints: { max: 'exp_month must not be greater than 12' }, children: [] }] },
    ]);
    expect(error).toMatchObject({ code: 'parameter_invalid', param: 'card[exp_month]' });
    expect(error.message).toContain('card[exp_month]');
  });

  it('takes the code a validator names in its context, and shows its message as it is', () => {
    const error = validationExceptionFactory([
      { property: 'amount', value: 1e20, constraints: { amountAtMost: 'Amount must be no more than USD 999,999.99.' }, contexts: { amountAtMost: { errorCode: 'amount_too_large' } }, children: [] },
    ]);
    expect(error).toMatchObject({ code: 'amount_too_large', param: 'amount', message: 'Amount must be no more than USD 999,999.99.' });
    expect(error.options.fromValidation).toBe(true);
  });
});

describe('busValidationExceptionFactory', () => {
  it('names a scoped command\'s parameter as the caller sent it, without the params wrapper', () => {
    const error = busValidationExceptionFactory([
      { property: 'params', value: {}, children: [{ property: 'metadata', value: {}, children: [{ property: 'order', value: 1, constraints: { isString: 'must be a string' }, children: [] }] }] },
    ]);
    expect({ code: error.code, param: error.param }).toEqual({ code: 'parameter_invalid', param: 'metadata[order]' });
  });

  it('still names the caller, and params itself when it is missing', () => {
    const caller = busValidationExceptionFactory([
      { property: 'caller', value: {}, children: [{ property: 'livemode', value: 'no', constraints: { isBoolean: 'must be a boolean' }, children: [] }] },
    ]);
    expect(caller.param).toBe('caller[livemode]');
    const missing = busValidationExceptionFactory([{ property: 'params', value: undefined, constraints: { isObject: 'must be an object' }, children: [] }]);
    expect({ code: missing.code, param: missing.param }).toEqual({ code: 'parameter_missing', param: 'params' });
  });
});
