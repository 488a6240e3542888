/**
 * How far past the moment of revocation a subject's tokens are still refused. A token request that
 * authenticated the client just before the revocation committed may sign its token a moment later, on
 * a clock that may run ahead of the database's; as much skew as the edge tolerates between clocks.
 * Nothing is issued to a revoked client afterwards, so the margin refuses nothing legitimate.
 */
export const IN_FLIGHT_ISSUANCE_SECONDS = 30;

/** Kept past the last covered token's expiry, beyond the edge's clock tolerance (30 s). */
const EXPIRY_MARGIN_SECONDS = 60;

/** Seconds from the database's now. */
export interface SubjectRevocationWindow {
  /** Tokens with an `iat` up to now plus this are refused. */
  issuedUpToInSeconds: number;
  /** The entry is kept until now plus this: by then every token it covers has expired. */
  expInSeconds: number;
}

export function subjectRevocationWindow(accessTokenLifetimeSeconds: number): SubjectRevocationWindow {
  return {
    issuedUpToInSeconds: IN_FLIGHT_ISSUANCE_SECONDS,
    expInSeconds: IN_FLIGHT_ISSUANCE_SECONDS + accessTokenLifetimeSeconds + EXPIRY_MARGIN_SECONDS,
  };
}
