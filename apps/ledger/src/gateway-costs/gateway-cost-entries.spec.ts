import type { GatewayTransactionRecorded } from '@payrail/contracts';
import { assertBalanced, type NewJournalEntry } from '../journal/journal-entry.js';
import { convertSignedAmount, gatewayCostEntries } from './gateway-cost-entries.js';

const owner = { merchantId: 'mch_1', livemode: false };

function recorded(overrides: Partial<GatewayTransactionRecorded>): GatewayTransactionRecorded {
  return { gatewayTransactionId: 'gtx_1', connector: 'stripe', kind: 'authorization', outcome: 'succeeded', amount: 10_000, currency: 'usd', ...overrides };
}

/** Each account's movement over the entries, as `code currency` → sum. */
function movements(entries: NewJournalEntry[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of entries.flatMap((entry) => entry.lines)) sums[`${line.code} ${line.currency}`] = (sums[`${line.code} ${line.currency}`] ?? 0) + line.amount;
  return sums;
}

describe("the journal entries of a gateway's fee", () => {
  it('books a fee in the transaction’s currency against the gateway, as before', () => {
    const fee = { amount: 320, currency: 'usd' };
    expect(gatewayCostEntries(owner, recorded({ gatewayFee: fee }), fee)).toEqual([
      {
        owner,
        kind: 'gateway_cost',
        sourceKey: 'gateway_cost:stripe:gtx_1',
        lines: [
          { code: 'gateway_costs:stripe', currency: 'usd', amount: -320 },
          { code: 'gateway_clearing', currency: 'usd', amount: 320 },
        ],
      },
    ]);
  });

  it("converts a USD charge's EUR fee at Stripe's rate: clearing ends at the EUR net, the cost in USD", () => {
    const fee = { amount: 297, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } };
    const entries = gatewayCostEntries(owner, recorded({ gatewayFee: fee }), fee);
    expect(entries.map((entry) => [entry.kind, entry.sourceKey])).toEqual([
      ['gateway_fx', 'gateway_fx:stripe:gtx_1'],
      ['gateway_cost', 'gateway_cost:stripe:gtx_1'],
    ]);
    for (const entry of entries) expect(() => assertBalanced(entry.lines)).not.toThrow();
    // The charge booked gateway clearing −10 000 USD; these bring it to 0 USD and −8 903 EUR (what Stripe pays out).
    expect(movements(entries)).toEqual({
      'gateway_clearing usd': 10_000,
      'gateway_clearing eur': -9_200 + 297,
      'fx_conversion usd': -10_000 + 323,
      'fx_conversion eur': 9_200 - 297,
      'gateway_costs:stripe usd': -323,
    });
    expect(entries.flatMap((entry) => entry.lines).some((line) => line.code.startsWith('merchant_'))).toBe(false);
  });

  it('books the conversion alone for a converted charge whose fee was waived, and nothing for a zero fee in the charge’s currency', () => {
    const waived = { amount: 0, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } };
    const entries = gatewayCostEntries(owner, recorded({ gatewayFee: waived }), waived);
    expect(entries.map((entry) => entry.kind)).toEqual(['gateway_fx']);
    expect(movements(entries)).toEqual({ 'gateway_clearing usd': 10_000, 'fx_conversion usd': -10_000, 'fx_conversion eur': 9_200, 'gateway_clearing eur': -9_200 });
    expect(gatewayCostEntries(owner, recorded({}), { amount: 0, currency: 'usd' })).toEqual([]);
  });

  it('minds the exponents: a JPY charge settled in USD', () => {
    // ¥10 000 at 0.0067 USD per yen settles $67.00; Stripe keeps $2.24, which is ¥334 (334.33).
    const fee = { amount: 224, currency: 'usd', settlement: { amount: 6_700, currency: 'usd', exchangeRate: '0.0067' } };
    const sums = movements(gatewayCostEntries(owner, recorded({ currency: 'jpy', amount: 10_000, gatewayFee: fee }), fee));
    expect(sums).toMatchObject({ 'gateway_clearing jpy': 10_000, 'gateway_clearing usd': -6_700 + 224, 'gateway_costs:stripe jpy': -334 });
  });

  it('books a fee in another currency as charged when the event does not say how the gateway converted (events recorded before it did)', () => {
    const unsaid = { amount: 95, currency: 'eur' };
    const badRate = { amount: 95, currency: 'eur', settlement: { amount: 1_838, currency: 'eur', exchangeRate: 'abc' } };
    const otherCurrency = { amount: 95, currency: 'eur', settlement: { amount: 1_838, currency: 'gbp', exchangeRate: '0.8' } };
    for (const fee of [unsaid, badRate, otherCurrency]) {
      expect(gatewayCostEntries(owner, recorded({ amount: 2_000, gatewayFee: fee }), fee)).toEqual([
        expect.objectContaining({ kind: 'gateway_cost', lines: [{ code: 'gateway_costs:stripe', currency: 'eur', amount: -95 }, { code: 'gateway_clearing', currency: 'eur', amount: 95 }] }),
      ]);
    }
  });

  it("takes a converted charge's refund out of the settlement currency at the refund's own rate: a full refund brings clearing in the charge's currency back to 0", () => {
    const charged = { amount: 297, currency: 'eur', settlement: { amount: 9_200, currency: 'eur', exchangeRate: '0.92' } };
    // Stripe paid the USD 100.00 refund out as EUR 91.00 (its rate had moved to 0.91); it kept no fee for it.
    const refunded = { amount: 0, currency: 'eur', settlement: { amount: 9_100, currency: 'eur', exchangeRate: '0.91' } };
    const refund = gatewayCostEntries(owner, recorded({ gatewayTransactionId: 'gtx_re', kind: 'refund', gatewayFee: refunded }), refunded);
    expect(refund.map((entry) => [entry.kind, entry.sourceKey])).toEqual([['gateway_fx', 'gateway_fx:stripe:gtx_re']]);
    for (const entry of refund) expect(() => assertBalanced(entry.lines)).not.toThrow();
    expect(movements(refund)).toEqual({ 'gateway_clearing usd': -10_000, 'fx_conversion usd': 10_000, 'fx_conversion eur': -9_100, 'gateway_clearing eur': 9_100 });
    // With the merchant's charge (clearing −10 000 USD) and refund (+10 000 USD) postings, which cancel out: clearing is what Stripe holds.
    const sums = movements([...gatewayCostEntries(owner, recorded({ gatewayFee: charged }), charged), ...refund]);
    expect(sums['gateway_clearing usd']).toBe(0);
    expect(sums['gateway_clearing eur']).toBe(-(9_200 - 297 - 9_100));
    expect(sums['gateway_costs:stripe usd']).toBe(-323);
  });

  it('books nothing for a refund in the charge’s currency or one whose conversion is not said', () => {
    const unsaid = { amount: 0, currency: 'eur' };
    expect(gatewayCostEntries(owner, recorded({ kind: 'refund', gatewayFee: unsaid }), unsaid)).toEqual([]);
    expect(gatewayCostEntries(owner, recorded({ kind: 'refund' }), { amount: 0, currency: 'usd' })).toEqual([]);
  });
});

describe('convertSignedAmount', () => {
  it('converts a fee given back like one kept, with its sign', () => {
    expect(convertSignedAmount(1_500, 'eur', 'usd', '0.9')).toBe(1_667);
    expect(convertSignedAmount(-1_500, 'eur', 'usd', '0.9')).toBe(-1_667);
    expect(convertSignedAmount(0, 'eur', 'usd', '0.9')).toBe(0);
    expect(convertSignedAmount(-1_500, 'eur', 'usd', 'x')).toBeUndefined();
  });
});
