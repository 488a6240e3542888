import { PayrailError } from '@payrail/errors';
import { GatewayOutcomeUnknownError, GatewayUnreachableError } from '../../http/gateway-http-client.js';
import { errorOfReply } from './stripe-errors.js';
import { declinedAuthorizationOf } from './stripe-transformers.js';

/** Error bodies as Stripe documents them (https://docs.stripe.com/api/errors, /declines/codes). */
const body = (error: Record<string, unknown>): string => JSON.stringify({ error });

const paymentMethod = { id: 'pm_1', card: { brand: 'visa', last4: '9995', exp_month: 4, exp_year: 2031, funding: 'credit', country: 'US', fingerprint: 'fp1' } };

describe('Stripe errors', () => {
  it('maps a 402 insufficient-funds card error to a decline with its codes, intent and card', () => {
    const error = JSON.parse(
      body({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: { id: 'pi_1' }, payment_method: paymentMethod }),
    ).error;
    expect(declinedAuthorizationOf(error)).toMatchObject({
      outcome: 'declined',
      failureCode: 'card_declined',
      declineCode: 'insufficient_funds',
      failureMessage: 'Your card has insufficient funds.',
      networkStatus: 'declined_by_network',
      externalReference: 'pi_1',
      card: { brand: 'visa', last4: '9995', exp_year: 2031 },
    });
  });

  it.each([
    ['expired_card', undefined, 'expired_card', 'expired_card'],
    ['incorrect_cvc', undefined, 'incorrect_cvc', 'incorrect_cvc'],
    ['card_declined', 'card_velocity_exceeded', 'card_declined', 'insufficient_funds'],
    ['card_declined', 'pickup_card', 'card_declined', 'lost_card'],
    ['card_declined', 'a_code_stripe_adds_later', 'card_declined', 'generic_decline'],
    ['authentication_required', 'authentication_required', 'authentication_required', 'authentication_required'],
  ])('folds Stripe code %s / decline %s onto %s / %s', (code, declineCode, failureCode, mappedDecline) => {
    expect(declinedAuthorizationOf({ type: 'card_error', code, decline_code: declineCode })).toMatchObject({ failureCode, declineCode: mappedDecline });
  });

  it('keeps the fraud signal as an elevated risk', () => {
    expect(declinedAuthorizationOf({ type: 'card_error', code: 'card_declined', decline_code: 'fraudulent' }).riskLevel).toBe('elevated');
  });

  it('turns an invalid request into a 4xx PayrailError naming the parameter', () => {
    const error = errorOfReply(400, body({ type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: 12.5' }));
    expect(error).toBeInstanceOf(PayrailError);
    expect(error).toMatchObject({ code: 'parameter_invalid', param: 'amount', status: 400 });
  });

  it('keeps Stripe codes the catalogue shares, and a missing object is a 404', () => {
    expect(errorOfReply(400, body({ type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' }))).toMatchObject({
      code: 'charge_already_refunded',
    });
    expect(errorOfReply(404, body({ type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: "No such payment_intent: 'pi_x'" }))).toMatchObject({
      code: 'resource_missing',
      status: 404,
    });
  });

  it('never quotes a card number or a key from a Stripe message', () => {
    const error = errorOfReply(400, body({ type: 'invalid_request_error', message: 'Bad 4242 4242 4242 4242 with sk_test_abc123 and whsec_xyz' }));
    expect(error.message).not.toMatch(/4242|sk_test_abc123|whsec_xyz/);
  });

  it("says the gateway account's key was refused on a 401, without echoing it", () => {
    const error = errorOfReply(401, body({ type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****abcd' }));
    expect(error).toMatchObject({ code: 'gateway_credentials_refused', status: 400 });
    expect(error.message).toMatch(/secret key/);
    expect(error.message).not.toMatch(/sk_live/);
  });

  it('takes a 429 for nothing processed (safe to fail over), a 409 or a 5xx for an unknown outcome', () => {
    expect(errorOfReply(429, body({ type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' }))).toBeInstanceOf(GatewayUnreachableError);
    expect(errorOfReply(409, body({ type: 'idempotency_error', message: 'in use' }))).toBeInstanceOf(GatewayOutcomeUnknownError);
    expect(errorOfReply(500, body({ type: 'api_error', message: 'Something went wrong on our end.' }))).toBeInstanceOf(GatewayOutcomeUnknownError);
    expect(errorOfReply(502, '<html>bad gateway</html>')).toBeInstanceOf(GatewayOutcomeUnknownError);
  });

  it('reports a reused idempotency key with other parameters as an idempotency error', () => {
    expect(errorOfReply(400, body({ type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' }))).toMatchObject({
      code: 'idempotency_error',
    });
  });
});
