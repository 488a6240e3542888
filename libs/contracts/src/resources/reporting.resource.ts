/** A count of movements and their total, in minor units (a positive number whichever way the money went). */
export class ReportingTally {
  count: number;
  amount: number;
}

/**
 * One currency's numbers over the range, as the ledger booked them. The ledger books money that moved: a
 * charge appears once captured and succeeded, never when it failed.
 */
export class LedgerCurrencySummary {
  currency: string;
  charges_succeeded: ReportingTally;
  refunds: ReportingTally;
  /** Chargebacks withdrawn (an inquiry moves no money and is not counted). */
  disputes: ReportingTally;
  /** Chargebacks given back because the merchant won them. */
  dispute_reversals: ReportingTally;
  /** The processing fees the merchant paid on these movements. */
  fees: number;
  /** What the movements in the range changed the merchant's balance by: gross less fees, refunds and disputes. */
  net: number;
  /** The merchant's balance now (not bounded by the range). */
  balance: { available: number; pending: number };
}

/** The ledger's part of the summary: every currency with movements in the range or a balance account. */
export class LedgerSummary {
  created: { gte: number; lt: number };
  currencies: LedgerCurrencySummary[];
}

/** The ledger's numbers and, from the payments service, the charge attempts that failed (they moved no money). */
export class ReportingCurrencySummary extends LedgerCurrencySummary {
  charges_failed: ReportingTally;
}

/** `GET /v1/reporting/summary`: a merchant's numbers over `[created.gte, created.lt)`, per currency. */
export class ReportingSummaryResource {
  object: 'reporting.summary';
  created: { gte: number; lt: number };
  currencies: ReportingCurrencySummary[];
  livemode: boolean;
}

/** What the payments service counts over a range, per currency: the charge attempts that failed (no money moved). */
export class FailedChargeTally {
  currencies: Array<{ currency: string; failed: ReportingTally }>;
}
