import { Injectable } from '@nestjs/common';
import { Patterns, type Caller, type ReportingCurrencySummary, type ReportingSummaryParams, type ReportingSummaryResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';

const NOTHING = { count: 0, amount: 0 };

/**
 * The summary, put together at the edge from its two owners: the ledger (money that moved: charges,
 * refunds, disputes, fees, net, balance) and payments (charge attempts that failed, which move no money
 * and so never reach the ledger). Both aggregate in SQL; the edge only merges per currency.
 */
@Injectable()
export class ReportingSummaryService {
  constructor(private readonly client: MessageClient) {}

  async summary(caller: Caller, params: ReportingSummaryParams): Promise<ReportingSummaryResource> {
    const [ledger, failures] = await Promise.all([
      this.client.send(Patterns.ReportingSummary, { caller, params }),
      this.client.send(Patterns.ChargeFailedTally, { caller, params }),
    ]);
    const failedIn = (currency: string) => failures.currencies.find((entry) => entry.currency === currency)?.failed ?? NOTHING;
    const currencies: ReportingCurrencySummary[] = ledger.currencies.map((entry) => ({ ...entry, charges_failed: failedIn(entry.currency) }));
    for (const { currency, failed } of failures.currencies) {
      // The ledger lists every currency with a balance account, so one it left out holds nothing.
      if (!currencies.some((entry) => entry.currency === currency)) {
        currencies.push({ currency, charges_succeeded: NOTHING, charges_failed: failed, refunds: NOTHING, disputes: NOTHING, dispute_reversals: NOTHING, fees: 0, net: 0, balance: { available: 0, pending: 0 } });
      }
    }
    currencies.sort((a, b) => a.currency.localeCompare(b.currency));
    return { object: 'reporting.summary', created: ledger.created, currencies, livemode: caller.livemode };
  }
}
