import { principalClassOf } from './rate-limit-classes.js';
import { parseRateLimitOverrides, RateLimitPolicy } from './rate-limit-policy.js';

describe('the rate-limit table', () => {
  it('puts payment creation and M-Pesa initiation in their own classes, reads in theirs, the rest in default', () => {
    expect(principalClassOf('POST', '/v1/payment_intents')).toBe('payment_creation');
    expect(principalClassOf('POST', '/api/v1/pay')).toBe('payment_creation');
    expect(principalClassOf('POST', '/api/payment/mpesa/')).toBe('mpesa_initiation');
    expect(principalClassOf('POST', '/api/payment/test/mpesa/')).toBe('mpesa_initiation');
    expect(principalClassOf('POST', '/api/payment/mpesa-callback/')).toBe('default');
    expect(principalClassOf('POST', '/api/payment/verify/')).toBe('status_read');
    expect(principalClassOf('GET', '/v1/payment_intents/pi_1')).toBe('status_read');
    expect(principalClassOf('POST', '/v1/payment_intents/pi_1/confirm')).toBe('default');
    expect(principalClassOf('DELETE', '/v1/webhook_endpoints/we_1')).toBe('default');
  });

  it('has the documented defaults: 1,000 a minute per key, 100 for payment creation and M-Pesa initiation', () => {
    const policy = new RateLimitPolicy();
    expect(['default', 'status_read', 'payment_creation', 'mpesa_initiation'].map((name) => policy.perMinute(name as never))).toEqual([1000, 1000, 100, 100]);
  });

  it('lets the operator change a class for everyone, and a merchant have its own', () => {
    const policy = new RateLimitPolicy(parseRateLimitOverrides(' payment_creation=200, acct_1Big/payment_creation=1500 ,acct_1Big/default=5000'));
    expect(policy.perMinute('payment_creation')).toBe(200);
    expect(policy.perMinute('payment_creation', 'acct_other')).toBe(200);
    expect(policy.perMinute('payment_creation', 'acct_1Big')).toBe(1500);
    expect(policy.perMinute('default', 'acct_1Big')).toBe(5000);
    expect(policy.perMinute('status_read', 'acct_1Big')).toBe(1000);
  });

  it.each(['payments=5', 'default=0', 'default=-1', 'default', 'acct 1/default=5', 'default=5;status_read=6'])('refuses the entry %j', (value) => {
    expect(() => parseRateLimitOverrides(value)).toThrow(/PAYRAIL_RATE_LIMITS entries are \[merchant\/\]class=perMinute/);
  });
});
