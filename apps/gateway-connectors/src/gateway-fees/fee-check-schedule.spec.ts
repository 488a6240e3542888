import { FEE_CHECK_BACKOFF_CAP_MS, feeCheckDelayMs, feeCheckVerdict } from './fee-check-schedule.js';

const MINUTE = 60_000;
const options = { intervalMs: MINUTE, giveUpAfterMs: 72 * 60 * MINUTE };
const since = new Date('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(since.getTime() + ms);

describe('when an awaited gateway fee is asked about again', () => {
  it('waits the interval after the first check, doubling after each, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((checks) => feeCheckDelayMs(checks, MINUTE) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(FEE_CHECK_BACKOFF_CAP_MS).toBe(60 * MINUTE);
    // A short interval (the e2e spec's) backs off from there.
    expect([1, 2, 3].map((checks) => feeCheckDelayMs(checks, 500))).toEqual([500, 1_000, 2_000]);
  });

  it('books a fee the gateway now reports, however late', () => {
    const fee = { amount: 103, currency: 'usd' };
    expect(feeCheckVerdict({ kind: 'fee', fee }, { since, checks: 3 }, at(5 * MINUTE), options)).toEqual({ kind: 'book', fee });
    expect(feeCheckVerdict({ kind: 'fee', fee }, { since, checks: 90 }, at(options.giveUpAfterMs + MINUTE), options)).toEqual({ kind: 'book', fee });
  });

  it('asks again after the backoff when the gateway has no fee yet or could not be asked', () => {
    expect(feeCheckVerdict({ kind: 'not_yet' }, { since, checks: 1 }, at(0), options)).toEqual({ kind: 'ask_again', at: at(MINUTE) });
    expect(feeCheckVerdict({ kind: 'error', reason: 'Stripe timed out' }, { since, checks: 3 }, at(3 * MINUTE), options)).toEqual({ kind: 'ask_again', at: at(7 * MINUTE) });
  });

  it('makes the last check at the give-up age, and gives up from then on', () => {
    const lastHour = options.giveUpAfterMs - 10 * MINUTE;
    expect(feeCheckVerdict({ kind: 'not_yet' }, { since, checks: 80 }, at(lastHour), options)).toEqual({ kind: 'ask_again', at: at(options.giveUpAfterMs) });
    expect(feeCheckVerdict({ kind: 'not_yet' }, { since, checks: 81 }, at(options.giveUpAfterMs), options)).toEqual({ kind: 'give_up' });
    expect(feeCheckVerdict({ kind: 'error', reason: 'unreachable' }, { since, checks: 81 }, at(options.giveUpAfterMs + 1), options)).toEqual({ kind: 'give_up' });
  });
});
