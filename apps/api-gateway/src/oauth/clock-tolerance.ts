/** Clocks drift: an access token a few seconds early or late is still taken, and a revoked one stays listed as long. */
export const CLOCK_TOLERANCE_SECONDS = 30;
