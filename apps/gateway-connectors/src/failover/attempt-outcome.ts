import { PayrailError } from '@payrail/errors';
import { GatewayOutcomeUnknownError, GatewayUnreachableError } from '../http/gateway-http-client.js';

/**
 * How one call to a gateway account ended, as failover, the circuit breaker and health see it:
 * - `answered`: the gateway gave an answer (an approval, a decline or 3D Secure);
 * - `rejected`: it refused the request itself (bad credentials, a 4xx): it is up, the request was wrong;
 * - `unreachable`: nothing was processed (refused connection, no DNS answer, a 5xx or 429 the connector
 *   reports as not accepted): safe to try the next account;
 * - `outcome_unknown`: it may have processed the request (a timeout after sending): never tried elsewhere;
 * - `error`: anything else that went wrong on our side of the call;
 * - `circuit_open`: not called at all, its circuit being open.
 */
export type AttemptOutcome = 'answered' | 'rejected' | 'unreachable' | 'outcome_unknown' | 'error' | 'circuit_open';

export function outcomeOfFailure(error: unknown): Exclude<AttemptOutcome, 'answered' | 'circuit_open'> {
  if (error instanceof GatewayUnreachableError) return 'unreachable';
  if (error instanceof GatewayOutcomeUnknownError) return 'outcome_unknown';
  if (error instanceof PayrailError) return 'rejected';
  return 'error';
}

/** Whether the account itself worked: what the circuit breaker and success rates count. */
export function isHealthy(outcome: Exclude<AttemptOutcome, 'circuit_open'>): boolean {
  return outcome === 'answered' || outcome === 'rejected';
}

/** The outcome classes that count as a failed call in SQL (circuit_open is no call at all). */
export const UNHEALTHY_OUTCOMES: readonly AttemptOutcome[] = ['unreachable', 'outcome_unknown', 'error'];
