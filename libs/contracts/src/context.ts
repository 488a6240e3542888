/** Who is calling: every merchant-scoped command carries it, and every query filters by it. */
export interface Caller {
  merchantId: string;
  livemode: boolean;
}

/** A merchant-scoped command: the caller plus the command's own parameters. */
export interface Scoped<P> {
  caller: Caller;
  params: P;
}

/** Retrieve one object by id, as the caller. */
export type ScopedId = Scoped<{ id: string }>;

/**
 * A command that may have to resume rather than start over: the caller's `Idempotency-Key`, scoped like
 * every object by merchant and mode, finds the work a crashed first attempt left behind.
 */
export interface Idempotent {
  idempotencyKey?: string;
}
