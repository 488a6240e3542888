import { CircuitBreaker, CircuitStore, DEFAULT_CIRCUIT_BREAKER_POLICY, type CircuitRow } from './circuit-breaker.js';

/** Circuits and calls in memory; the calls are what the breaker would find recorded in the attempts table. */
class MemoryCircuits extends CircuitStore {
  readonly rows = new Map<string, CircuitRow>();
  readonly calls: Array<{ account: string; at: Date; failed: boolean }> = [];

  read(id: string): Promise<CircuitRow | null> {
    const row = this.rows.get(id);
    return Promise.resolve(row ? { ...row } : null);
  }

  claimProbe(id: string, now: Date, until: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row?.openedAt || (row.probeUntil && row.probeUntil > now)) return Promise.resolve(false);
    row.probeUntil = until;
    return Promise.resolve(true);
  }

  open(id: string, now: Date, onlyIfClosed: boolean): Promise<void> {
    const row = this.rows.get(id);
    if (!row) this.rows.set(id, { openedAt: now, probeUntil: null, closedAt: now });
    else if (!onlyIfClosed || !row.openedAt) Object.assign(row, { openedAt: now, probeUntil: null });
    return Promise.resolve();
  }

  close(id: string, now: Date): Promise<void> {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { openedAt: null, probeUntil: null, closedAt: now });
    return Promise.resolve();
  }

  failuresSince(id: string, since: Date): Promise<{ attempts: number; failures: number }> {
    const calls = this.calls.filter((call) => call.account === id && call.at >= since);
    return Promise.resolve({ attempts: calls.length, failures: calls.filter((call) => call.failed).length });
  }
}

describe('CircuitBreaker', () => {
  let clock: number;
  let store: MemoryCircuits;
  let breaker: CircuitBreaker;

  /** One admitted call, recorded then settled, as the failover authoriser does. */
  async function call(account: string, failed: boolean): Promise<string> {
    const admission = await breaker.admit(account);
    if (admission === 'refused') return admission;
    store.calls.push({ account, at: new Date(clock), failed });
    await breaker.settle(account, admission, !failed);
    return admission;
  }

  beforeEach(() => {
    clock = Date.UTC(2026, 0, 1);
    store = new MemoryCircuits();
    breaker = new CircuitBreaker(store, DEFAULT_CIRCUIT_BREAKER_POLICY, () => new Date(clock));
  });

  it('stays closed below 20 calls however many fail, and below half failing however many calls', async () => {
    for (let i = 0; i < 19; i += 1) expect(await call('ga_a', true)).toBe('closed');
    expect((await breaker.state('ga_a')).state).toBe('closed');

    for (let i = 0; i < 30; i += 1) await call('ga_b', i % 3 === 0);
    expect((await breaker.state('ga_b')).state).toBe('closed');
  });

  it('opens at half of 20 calls failing within 60 s, refuses calls for 30 s, then lets exactly one probe through', async () => {
    // Judged when a call fails: the 20th call, the 10th failure, opens it.
    for (let i = 0; i < 20; i += 1) await call('ga_a', i % 2 === 1);
    expect(await breaker.state('ga_a')).toEqual({ state: 'open', openedAt: new Date(clock) });
    expect(await breaker.admit('ga_a')).toBe('refused');
    expect(await breaker.admit('ga_other')).toBe('closed');

    clock += 29_999;
    expect(await breaker.admit('ga_a')).toBe('refused');
    clock += 1;
    expect((await breaker.state('ga_a')).state).toBe('half_open');
    expect(await breaker.admit('ga_a')).toBe('probe');
    // While the probe is out, every other call is refused.
    expect(await breaker.admit('ga_a')).toBe('refused');

    await breaker.settle('ga_a', 'probe', true);
    expect(await breaker.state('ga_a')).toEqual({ state: 'closed', openedAt: null });
    // The failures before it closed are not counted again: one more failure does not reopen it.
    expect(await call('ga_a', true)).toBe('closed');
    expect((await breaker.state('ga_a')).state).toBe('closed');
  });

  it('reopens for another 30 s when the probe fails, and a dead prober frees the probe after its lease', async () => {
    for (let i = 0; i < 20; i += 1) await call('ga_a', true);
    clock += 30_000;
    expect(await call('ga_a', true)).toBe('probe');
    expect(await breaker.state('ga_a')).toEqual({ state: 'open', openedAt: new Date(clock) });

    clock += 30_000;
    expect(await breaker.admit('ga_a')).toBe('probe'); // and its prober never settles
    clock += 29_000;
    expect(await breaker.admit('ga_a')).toBe('refused');
    clock += 1_000;
    expect(await breaker.admit('ga_a')).toBe('probe');
  });

  it('judges only the last 60 s: old failures do not open it', async () => {
    for (let i = 0; i < 15; i += 1) await call('ga_a', true);
    clock += 61_000;
    for (let i = 0; i < 10; i += 1) await call('ga_a', i < 4);
    expect((await breaker.state('ga_a')).state).toBe('closed');
  });
});
