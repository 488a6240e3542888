import { RECONCILIATION_OFFSETS_MS } from '@payrail/domain';
import { loadRefundsConfig } from './refunds.config.js';

describe('refunds configuration', () => {
  it('follows the default reconciliation schedule unless told otherwise', () => {
    expect(loadRefundsConfig({}).reconciliation).toEqual({ scheduleMs: RECONCILIATION_OFFSETS_MS, intervalMs: 30_000 });
    expect(loadRefundsConfig({ PAYRAIL_RECONCILIATION_SCHEDULE: '30s,2m,1h', PAYRAIL_REFUND_RECONCILE_INTERVAL_MS: '1000' }).reconciliation).toEqual({
      scheduleMs: [30_000, 120_000, 3_600_000],
      intervalMs: 1000,
    });
  });

  it.each(['soon', '5m,1m', '1m,,2m'])('refuses to boot with the schedule %j, naming the setting', (schedule) => {
    expect(() => loadRefundsConfig({ PAYRAIL_RECONCILIATION_SCHEDULE: schedule })).toThrow(/PAYRAIL_RECONCILIATION_SCHEDULE/);
  });
});
