import { hasPrefix, newId, randomBase62 } from './ids.js';

describe('ids', () => {
  it('prefixes a 24-character base62 random part', () => {
    const id = newId('pi');
    expect(id).toMatch(/^pi_[0-9A-Za-z]{24}$/);
    expect(hasPrefix(id, 'pi')).toBe(true);
    expect(hasPrefix(id, 'ch')).toBe(false);
  });

  it('does not repeat across many draws', () => {
    const ids = new Set(Array.from({ length: 20000 }, () => newId('evt')));
    expect(ids.size).toBe(20000);
  });

  it('draws every base62 character roughly uniformly', () => {
    const counts = new Map<string, number>();
    for (const ch of randomBase62(62 * 2000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1600);
      expect(count).toBeLessThan(2400);
    }
  });
});
