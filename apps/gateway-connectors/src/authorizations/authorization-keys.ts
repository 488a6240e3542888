/**
 * The authorisation a recorded answer belongs to: failover's tries are recorded under its key, and so are
 * the answers that follow it — a 3-D Secure completion (`authentication:`) and a pending authorisation's
 * settlement (`settlement:`).
 */
export function authorizationKeyOf(idempotencyKey: string): string {
  return idempotencyKey.replace(/^settlement:/, '').replace(/^authentication:/, 'authorization:');
}
