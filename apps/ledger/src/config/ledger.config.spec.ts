import { loadLedgerConfig } from './ledger.config.js';

describe('ledger configuration', () => {
  it('keeps charges pending two days by default and sweeps every minute', () => {
    expect(loadLedgerConfig({}).settlement).toEqual({ payoutDelayMs: 172_800_000, intervalMs: 60_000 });
    expect(loadLedgerConfig({ PAYRAIL_PAYOUT_DELAY_MS: '1500', PAYRAIL_SETTLEMENT_INTERVAL_MS: '200' }).settlement).toEqual({ payoutDelayMs: 1500, intervalMs: 200 });
  });

  it('settles ACH after a day and wires after an hour unless told otherwise', () => {
    expect(loadLedgerConfig({}).transfers).toMatchObject({ achMs: 86_400_000, wireMs: 3_600_000, intervalMs: 60_000 });
    expect(loadLedgerConfig({ PAYRAIL_ACH_SETTLEMENT_MS: '2000', PAYRAIL_WIRE_SETTLEMENT_MS: '0' }).transfers).toMatchObject({ achMs: 2000, wireMs: 0 });
  });

  it.each([['PAYRAIL_PAYOUT_DELAY_MS', '-1'], ['PAYRAIL_PAYOUT_DELAY_MS', 'soon'], ['PAYRAIL_SETTLEMENT_INTERVAL_MS', '10']])('refuses to boot with %s=%j, naming it', (name, value) => {
    expect(() => loadLedgerConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
