import { PayrailError } from '@payrail/errors';
import { isReplayable, replayableFailure } from './stored-answers.js';

describe('which answers an idempotency key replays', () => {
  it('replays successes and client errors, not server errors', () => {
    expect(isReplayable({ status: 200, body: {} })).toBe(true);
    expect(isReplayable({ status: 402, body: {} })).toBe(true);
    expect(isReplayable({ status: 500, body: {} })).toBe(false);
    expect(isReplayable({ status: 504, body: {} })).toBe(false);
  });

  it('replays a declined card exactly as the error filter sent it the first time', () => {
    const declined = new PayrailError('card_declined', 'Your card was declined.', { declineCode: 'generic_decline', details: { payment_intent: { id: 'pi_1' } } });
    expect(replayableFailure(declined, 'req_first')).toEqual({
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
          payment_intent: { id: 'pi_1' },
          request_id: 'req_first',
        },
      },
    });
  });

  it('replays a domain refusal such as an object in the wrong state or a missing one', () => {
    expect(replayableFailure(new PayrailError('payment_intent_unexpected_state', 'Already succeeded.'), 'req_1')?.status).toBe(400);
    expect(replayableFailure(PayrailError.notFound('payment_intent', 'pi_x', 'id'), 'req_1')?.status).toBe(404);
  });

  it('does not keep a request that failed validation, so the corrected request may use the key', () => {
    for (const code of ['parameter_invalid', 'parameter_missing', 'parameter_unknown', 'body_invalid'] as const) {
      expect(replayableFailure(new PayrailError(code, 'bad'), 'req_1')).toBeUndefined();
    }
  });

  it('does not keep an amount refused by validation either, though its code is a domain one', () => {
    const tooLarge = new PayrailError('amount_too_large', 'Amount must be no more than USD 999,999.99.', { param: 'amount', fromValidation: true });
    expect(replayableFailure(tooLarge, 'req_1')).toBeUndefined();
    expect(replayableFailure(new PayrailError('amount_too_large', 'More than is left to refund.', { param: 'amount' }), 'req_1')?.status).toBe(400);
  });

  it('gives the key back after a timeout, an outage or an unexpected failure', () => {
    expect(replayableFailure(new PayrailError('upstream_timeout', 'slow'), 'req_1')).toBeUndefined();
    expect(replayableFailure(new PayrailError('service_unavailable', 'down'), 'req_1')).toBeUndefined();
    expect(replayableFailure(new Error('boom'), 'req_1')).toBeUndefined();
  });
});
