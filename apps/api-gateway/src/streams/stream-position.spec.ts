import { isAfter, SentEvents } from './stream-position.js';

describe('stream positions', () => {
  it('orders positions by time to the microsecond, then id', () => {
    const at = (position: string, id: string) => ({ position, id });
    expect(isAfter(at('2026-01-01T00:00:00.000002Z', 'evt_a'), at('2026-01-01T00:00:00.000001Z', 'evt_b'))).toBe(true);
    expect(isAfter(at('2026-01-01T00:00:00.000001Z', 'evt_b'), at('2026-01-01T00:00:00.000001Z', 'evt_a'))).toBe(true);
    expect(isAfter(at('2026-01-01T00:00:00.000001Z', 'evt_a'), at('2026-01-01T00:00:00.000001Z', 'evt_a'))).toBe(false);
    expect(isAfter(at('2025-12-31T23:59:59.999999Z', 'evt_z'), at('2026-01-01T00:00:00.000000Z', 'evt_a'))).toBe(false);
    expect(isAfter(at('2025-12-31T23:59:59.999999Z', 'evt_z'), undefined)).toBe(true);
  });

  it('remembers what it sent within its capacity, and counts what aged out as sent', () => {
    const at = (n: number) => ({ position: `2026-01-01T00:00:00.00000${n}Z`, id: `evt_${n}` });
    const sent = new SentEvents(at(1), 2);
    expect(sent.firstTime(at(1))).toBe(false);
    expect(sent.firstTime(at(3))).toBe(true);
    expect(sent.firstTime(at(2))).toBe(true);
    expect(sent.firstTime(at(3))).toBe(false);
    expect(sent.firstTime(at(5))).toBe(true);
    // evt_3 aged out and raised the floor: evt_2 and evt_3 count as sent, evt_4 arriving late does not.
    expect(sent.firstTime(at(3))).toBe(false);
    expect(sent.firstTime(at(2))).toBe(false);
    expect(sent.firstTime(at(4))).toBe(true);
  });
});
