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
