import { throttledSourceOf } from './throttled-source.js';

describe('throttledSourceOf', () => {
  it('keeps an IPv4 address, and unwraps one mapped into IPv6, so both count as one source', () => {
    expect(throttledSourceOf('203.0.113.7')).toBe('203.0.113.7');
    expect(throttledSourceOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttledSourceOf('::FFFF:127.0.0.2')).toBe('127.0.0.2');
  });

  it('counts every address of an IPv6 /64 as one source, however it is written', () => {
    const source = '2001:db8:aa:1::/64';
    expect(throttledSourceOf('2001:db8:aa:1::1')).toBe(source);
    expect(throttledSourceOf('2001:0DB8:00aa:0001:ffff:1:2:3')).toBe(source);
    expect(throttledSourceOf('2001:db8:aa:1:0:0:0:9%eth0')).toBe(source);
    expect(throttledSourceOf('2001:db8:aa:2::1')).not.toBe(source);
    expect(throttledSourceOf('::1')).toBe('0:0:0:0::/64');
    expect(throttledSourceOf('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(throttledSourceOf('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
