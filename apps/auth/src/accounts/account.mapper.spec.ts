import { MerchantEntity } from '../merchants/merchant.entity.js';
import { toAccountResource } from './account.mapper.js';

describe('toAccountResource', () => {
  const merchant = Object.assign(new MerchantEntity(), {
    id: 'mch_1',
    name: 'Acme',
    email: 'owner@acme.test',
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  });

  it("shapes the merchant as Stripe's account, in the mode of the key that asked", () => {
    expect(toAccountResource(merchant, { merchantId: 'mch_1', livemode: true })).toEqual({
      id: 'mch_1',
      object: 'account',
      business_profile: { name: 'Acme' },
      email: 'owner@acme.test',
      country: null,
      default_currency: null,
      created: Math.floor(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000),
      livemode: true,
    });
  });
});
