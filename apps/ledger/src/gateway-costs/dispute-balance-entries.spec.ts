import type { GatewayBalanceTransaction } from '@payrail/contracts';
import { assertBalanced, type NewJournalEntry } from '../journal/journal-entry.js';
import { disputeBalanceEntries } from './dispute-balance-entries.js';

const owner = { merchantId: 'mch_1', livemode: false };

function sums(entries: NewJournalEntry[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of entries.flatMap((entry) => entry.lines)) totals[`${line.code} ${line.currency}`] = (totals[`${line.code} ${line.currency}`] ?? 0) + line.amount;
  return totals;
}

/** Stripe's withdrawal of a USD 100.00 dispute from an account settling in EUR, at 0.9, with its EUR 15.00 dispute fee. */
const withdrawal: GatewayBalanceTransaction = { id: 'txn_withdrawal', amount: -9_000, currency: 'eur', fee: 1_500, exchangeRate: '0.9' };
const dispute = (balanceTransactions: GatewayBalanceTransaction[], currency = 'usd') => ({ gateway: 'stripe', amount: 10_000, currency, balanceTransactions });

describe("the journal entries of a dispute's movements of the gateway's balance", () => {
  it('takes a converted withdrawal out of both currencies at its rate, and books the dispute fee in the charge’s currency', () => {
    const entries = disputeBalanceEntries(owner, dispute([withdrawal]));
    expect(entries.map((entry) => [entry.kind, entry.sourceKey])).toEqual([
      ['gateway_fx', 'gateway_fx:stripe:txn_withdrawal'],
      ['gateway_cost', 'gateway_cost:stripe:txn_withdrawal'],
    ]);
    for (const entry of entries) expect(() => assertBalanced(entry.lines)).not.toThrow();
    // EUR 15.00 at 0.9 EUR per dollar is USD 16.666…: 1 667 cents.
    expect(sums(entries)).toEqual({
      'gateway_clearing usd': -10_000,
      'fx_conversion usd': 10_000 + 1_667,
      'fx_conversion eur': -9_000 - 1_500,
      'gateway_clearing eur': 9_000 + 1_500,
      'gateway_costs:stripe usd': -1_667,
    });
    expect(entries.flatMap((entry) => entry.lines).some((line) => line.code.startsWith('merchant_'))).toBe(false);
  });

  it("brings a won dispute's reinstatement back in at its own rate, and returns a fee given back", () => {
    const reinstatement = { id: 'txn_reinstated', amount: 9_300, currency: 'eur', fee: -1_500, exchangeRate: '0.93' };
    const entries = disputeBalanceEntries(owner, dispute([withdrawal, reinstatement]));
    expect(entries.map((entry) => entry.sourceKey)).toEqual([
      'gateway_fx:stripe:txn_withdrawal',
      'gateway_cost:stripe:txn_withdrawal',
      'gateway_fx:stripe:txn_reinstated',
      'gateway_cost:stripe:txn_reinstated',
    ]);
    // EUR 15.00 back at 0.93 is USD 16.129…: 1 613 cents; the cost left is the difference of the two rates.
    expect(sums(entries)).toMatchObject({ 'gateway_clearing usd': 0, 'gateway_clearing eur': 9_000 - 9_300, 'gateway_costs:stripe usd': -1_667 + 1_613 });
  });

  it('books only the dispute fee, as charged, for a dispute Stripe did not convert', () => {
    const entries = disputeBalanceEntries(owner, dispute([{ id: 'txn_same', amount: -10_000, currency: 'usd', fee: 1_500, exchangeRate: null }]));
    expect(entries).toEqual([
      {
        owner,
        kind: 'gateway_cost',
        sourceKey: 'gateway_cost:stripe:txn_same',
        lines: [
          { code: 'gateway_costs:stripe', currency: 'usd', amount: -1_500 },
          { code: 'gateway_clearing', currency: 'usd', amount: 1_500 },
        ],
      },
    ]);
  });

  it('leaves out a movement that does not read as minor units, and books nothing for a movement without fee or amount', () => {
    expect(disputeBalanceEntries(owner, dispute([{ ...withdrawal, amount: 1.5 }]))).toEqual([]);
    expect(disputeBalanceEntries(owner, dispute([{ ...withdrawal, amount: 0, fee: 0 }]))).toEqual([]);
  });
});
