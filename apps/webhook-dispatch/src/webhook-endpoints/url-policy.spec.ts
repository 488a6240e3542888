import { destinationScope, refusedAddress, refusedHostname } from './url-policy.js';

describe('webhook destination policy', () => {
  it('is public-only in live mode, opt-in or not, and in test mode without the opt-in', () => {
    expect(destinationScope(true, true)).toBe('public-only');
    expect(destinationScope(true, false)).toBe('public-only');
    expect(destinationScope(false, false)).toBe('public-only');
    expect(destinationScope(false, true)).toBe('private-networks-too');
  });

  it('never allows link-local, cloud metadata, multicast or special-purpose addresses, even with the opt-in', () => {
    const refusals: Array<[string, string]> = [
      ['169.254.169.254', 'a cloud metadata address'],
      ['fd00:ec2::254', 'a cloud metadata address'],
      ['169.254.1.1', 'a link-local address'],
      ['fe80::1', 'a link-local address'],
      ['::ffff:169.254.169.254', 'a cloud metadata address'],
      ['64:ff9b::a9fe:a9fe', 'a cloud metadata address'],
      ['2002:a9fe:a9fe::', 'a cloud metadata address'],
      ['224.0.0.251', 'a multicast or broadcast address'],
      ['ff02::1', 'a multicast or broadcast address'],
      ['0.0.0.0', 'a reserved or special-purpose address'],
      ['::', 'a reserved or special-purpose address'],
      ['::127.0.0.1', 'a reserved or special-purpose address'],
      ['192.0.2.1', 'a reserved or special-purpose address'],
      ['2001:db8::1', 'a reserved or special-purpose address'],
    ];
    for (const [address, reason] of refusals) {
      expect([address, refusedAddress(address, 'private-networks-too')]).toEqual([address, reason]);
      expect([address, refusedAddress(address, 'public-only')]).toEqual([address, reason]);
    }
  });

  it('allows loopback and private networks only with the opt-in, whatever the IPv6 form', () => {
    const local: Array<[string, string]> = [
      ['127.0.0.1', 'a loopback address'],
      ['::1', 'a loopback address'],
      ['::ffff:127.0.0.1', 'a loopback address'],
      ['10.0.0.1', 'a private network address'],
      ['172.16.0.9', 'a private network address'],
      ['192.168.1.1', 'a private network address'],
      ['100.64.0.1', 'a private network address'],
      ['fd00::1', 'a private network address'],
      ['fec0::1', 'a private network address'],
      ['64:ff9b::10.0.0.1', 'a private network address'],
      ['2002:a00:1::', 'a private network address'],
    ];
    for (const [address, reason] of local) {
      expect([address, refusedAddress(address, 'public-only')]).toEqual([address, reason]);
      expect([address, refusedAddress(address, 'private-networks-too')]).toEqual([address, null]);
    }
  });

  it('allows public addresses in every scope, NAT64 and 6to4 forms of them included', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1']) {
      expect([address, refusedAddress(address, 'public-only')]).toEqual([address, null]);
    }
  });

  it('judges host names by their form: IP literals (bracketed too) and localhost at once, other names later', () => {
    expect(refusedHostname('localhost', 'public-only')).toBe('a loopback address');
    expect(refusedHostname('api.localhost.', 'public-only')).toBe('a loopback address');
    expect(refusedHostname('localhost', 'private-networks-too')).toBeNull();
    expect(refusedHostname('[::1]', 'public-only')).toBe('a loopback address');
    expect(refusedHostname('[fe80::1]', 'private-networks-too')).toBe('a link-local address');
    expect(refusedHostname('169.254.169.254', 'private-networks-too')).toBe('a cloud metadata address');
    expect(refusedHostname('example.com', 'public-only')).toBeNull();
    expect(refusedHostname('8.8.8.8', 'public-only')).toBeNull();
  });
});
