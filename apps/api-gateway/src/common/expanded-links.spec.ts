import type { Request } from 'express';
import { withAbsoluteLinks } from './expanded-links.js';

const req = { protocol: 'https', get: (header: string) => (header === 'host' ? 'api.example.com' : undefined) } as unknown as Request;

describe('links in expanded objects', () => {
  const previous = process.env.PAYRAIL_PUBLIC_URL;
  beforeAll(() => delete process.env.PAYRAIL_PUBLIC_URL);
  afterAll(() => {
    if (previous !== undefined) process.env.PAYRAIL_PUBLIC_URL = previous;
  });

  it('completes receipt and 3D Secure links wherever an expanded object sits, leaving the input alone', () => {
    const charge = { object: 'charge', id: 'ch_1', receipt_url: '/receipts/ch_1?token=t' };
    const intent = {
      object: 'payment_intent',
      next_action: { type: 'redirect_to_url', redirect_to_url: { url: '/3ds/pi_1', return_url: null } },
      latest_charge: charge,
      customer: { object: 'customer', id: 'cus_1', description: '/not-a-link' },
    };
    const shaped = withAbsoluteLinks(intent, req);
    expect(shaped.next_action.redirect_to_url.url).toBe('https://api.example.com/3ds/pi_1');
    expect(shaped.latest_charge.receipt_url).toBe('https://api.example.com/receipts/ch_1?token=t');
    expect(shaped.customer.description).toBe('/not-a-link');
    expect(charge.receipt_url).toBe('/receipts/ch_1?token=t');
    expect(intent.next_action.redirect_to_url.url).toBe('/3ds/pi_1');
  });

  it('leaves unexpanded ids, nulls and absolute links as they are', () => {
    expect(withAbsoluteLinks({ object: 'payment_intent', next_action: null, latest_charge: 'ch_1' }, req)).toEqual({ object: 'payment_intent', next_action: null, latest_charge: 'ch_1' });
    expect(withAbsoluteLinks({ object: 'charge', receipt_url: 'https://pay.example.com/r' }, req).receipt_url).toBe('https://pay.example.com/r');
  });
});
