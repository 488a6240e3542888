import { trustProxySetting } from './trust-proxy.js';

describe('trustProxySetting (PAYRAIL_TRUST_PROXY)', () => {
  it('is off unless set, so that X-Forwarded-For is not believed', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting('  ')).toBe(false);
  });

  it('takes a hop count, or a list of proxy addresses, ranges and range names', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.10')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.10']);
  });

  it.each(['true', '*', '0', '11', 'proxy.internal', '10.0.0.0/33', '10.0.0.1,', 'loopback, everyone'])('refuses %j, naming the setting', (value) => {
    expect(() => trustProxySetting(value)).toThrow(/PAYRAIL_TRUST_PROXY/);
  });
});
