import { PaymentLinks } from './payment-links.js';

describe('PaymentLinks', () => {
  it('gives paths for the edge to complete when no public URL is configured', () => {
    const links = PaymentLinks.fromEnv({});
    expect(links.authentication('pi_1', 'tok')).toBe('/v1/3ds/pi_1?token=tok');
    expect(links.receipt('ch_1', 'tok')).toBe('/receipts/ch_1?token=tok');
  });

  it('gives absolute URLs under PAYRAIL_PUBLIC_URL', () => {
    const links = PaymentLinks.fromEnv({ PAYRAIL_PUBLIC_URL: 'https://pay.example.com/' });
    expect(links.receipt('ch_1', 'tok')).toBe('https://pay.example.com/receipts/ch_1?token=tok');
  });

  it('refuses a public URL that is not http(s)', () => {
    expect(() => new PaymentLinks('javascript:alert(1)')).toThrow(/PAYRAIL_PUBLIC_URL/);
  });
});
