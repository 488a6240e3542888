import type { AccountResource, Caller } from '@payrail/contracts';
import type { MerchantEntity } from '../merchants/merchant.entity.js';

/** Country and default currency are not recorded for a merchant yet: null, not a guess. */
export function toAccountResource(merchant: MerchantEntity, caller: Caller): AccountResource {
  return {
    id: merchant.id,
    object: 'account',
    business_profile: { name: merchant.name },
    email: merchant.email ?? null,
    country: null,
    default_currency: null,
    created: Math.floor(merchant.createdAt.getTime() / 1000),
    livemode: caller.livemode,
  };
}
