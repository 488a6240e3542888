/**
 * Payrail extension on a PaymentIntent left `processing` or a Refund left `pending` because the
 * gateway's answer is not known: how Payrail is settling it with the gateway. `scheduled`: it asks
 * again at `next_attempt_at`; `gave_up`: a week of asking did not settle it, and it stays as it is
 * until an operator (or a late gateway callback) resolves it. Null while nothing is unresolved.
 */
export class ReconciliationState {
  status: 'scheduled' | 'gave_up';
  /** How many times the gateway was asked. */
  attempts: number;
  /** Unix seconds of the next try; null once given up. */
  next_attempt_at: number | null;
  /** Why the last try did not settle it. */
  last_error: string | null;
}
