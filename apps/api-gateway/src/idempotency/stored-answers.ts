import { PayrailError, toErrorEnvelope, type ErrorCode } from '@payrail/errors';

/** What a request answered: the status and the JSON body sent. */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Failures that mean the endpoint never ran: its parameters failed validation, or it was rate limited.
 * Stripe saves an answer only once the endpoint began executing, so such a request leaves the key free
 * for the corrected one.
 */
const NOT_EXECUTED: ReadonlySet<ErrorCode> = new Set([
  'parameter_invalid',
  'parameter_missing',
  'parameter_unknown',
  'body_invalid',
  'rate_limited',
  // A service found the first attempt of this key still under way (it outlived its lease at the edge).
  'idempotency_key_in_use',
]);

/**
 * Whether an answer is replayed for the key. A 5xx is not: ours are transient (a service timed out or is
 * down, and the message says to retry with the same key), so the key is given back for that retry.
 */
export function isReplayable(answer: Answer): boolean {
  return answer.status < 500;
}

/**
 * The answer a failed request sends, as the exception filter will write it, when it is one to replay:
 * a domain outcome such as a declined card (402), a missing object (404) or a wrong state (400).
 */
export function replayableFailure(error: unknown, requestId: string): Answer | undefined {
  if (!(error instanceof PayrailError) || NOT_EXECUTED.has(error.code) || error.options.fromValidation) return undefined;
  const { status, body } = toErrorEnvelope(error, requestId);
  const answer = { status, body };
  return isReplayable(answer) ? answer : undefined;
}
