import { loadPaymentsConfig } from '../config/payments.config.js';
import { PaymentLinks } from './payment-links.js';

describe('PaymentLinks', () => {
  it('gives paths for the edge to complete when no public URL is configured', () => {
    const links = new PaymentLinks(loadPaymentsConfig({}).publicUrl);
    expect(links.authentication('pi_1', 'tok')).toBe('/v1/3ds/pi_1?token=tok');
    expect(links.receipt('ch_1', 'tok')).toBe('/receipts/ch_1?token=tok');
  });

  it('gives absolute URLs under PAYRAIL_PUBLIC_URL', () => {
    const links = new PaymentLinks(loadPaymentsConfig({ PAYRAIL_PUBLIC_URL: 'https://pay.example.com/' }).publicUrl);
    expect(links.receipt('ch_1', 'tok')).toBe('https://pay.example.com/receipts/ch_1?token=tok');
    expect(new PaymentLinks(loadPaymentsConfig({ PAYRAIL_PUBLIC_URL: 'http://localhost:3000' }).publicUrl).receipt('ch_1', 't'))
      .toBe('http://localhost:3000/receipts/ch_1?token=t');
  });

  it('refuses a public URL that is not http(s), at boot and naming the variable', () => {
    expect(() => new PaymentLinks('javascript:alert(1)')).toThrow(/PAYRAIL_PUBLIC_URL/);
    expect(() => loadPaymentsConfig({ PAYRAIL_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PAYRAIL_PUBLIC_URL/);
  });
});
