import { isLocalHostname, isPublicAddress } from './url-policy.js';

describe('webhook URL policy', () => {
  it('treats loopback, private, link-local and reserved addresses as not public', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', 'not-an-ip']) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it('treats ordinary internet addresses as public', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    }
  });

  it('recognises local host names, bracketed IPv6 included, and leaves DNS names alone', () => {
    expect(isLocalHostname('localhost')).toBe(true);
    expect(isLocalHostname('api.localhost')).toBe(true);
    expect(isLocalHostname('[::1]')).toBe(true);
    expect(isLocalHostname('127.0.0.1')).toBe(true);
    expect(isLocalHostname('example.com')).toBe(false);
    expect(isLocalHostname('8.8.8.8')).toBe(false);
  });
});
