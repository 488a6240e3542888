import { defaultLimitOf, RATE_LIMIT_CLASS_NAMES, type RateLimitClass } from './rate-limit-classes.js';

/** A limit from PAYRAIL_RATE_LIMITS: for every merchant, or for one (`merchant` set). */
export interface RateLimitOverride {
  merchant?: string;
  name: RateLimitClass;
  perMinute: number;
}

const ENTRY = /^(?:([A-Za-z0-9_]+)\/)?([a-z_]+)=(\d{1,9})$/;

/**
 * PAYRAIL_RATE_LIMITS: comma-separated `[merchant/]class=perMinute` entries, e.g.
 * `payment_creation=200,acct_1Abc/payment_creation=1000,acct_1Abc/default=5000`. A merchant's own entry
 * beats the operator's default for everyone, which beats the built-in table. Unset: the table.
 */
export function parseRateLimitOverrides(value: string | undefined): RateLimitOverride[] {
  const setting = value?.trim();
  if (!setting) return [];
  return setting.split(',').map((raw) => {
    const entry = raw.trim();
    const match = ENTRY.exec(entry);
    const name = match?.[2] as RateLimitClass | undefined;
    const perMinute = Number(match?.[3]);
    if (!match || !RATE_LIMIT_CLASS_NAMES.includes(name!) || perMinute < 1) {
      throw new Error(
        `PAYRAIL_RATE_LIMITS entries are [merchant/]class=perMinute (at least 1), with class one of ${RATE_LIMIT_CLASS_NAMES.join(', ')}; '${entry}' is not.`,
      );
    }
    return { merchant: match[1], name: name!, perMinute };
  });
}

/** The limit a class has for a merchant (or for a source address: no merchant). */
export class RateLimitPolicy {
  private readonly everyone = new Map<RateLimitClass, number>();
  private readonly byMerchant = new Map<string, number>();

  constructor(overrides: RateLimitOverride[] = []) {
    for (const { merchant, name, perMinute } of overrides) {
      if (merchant) this.byMerchant.set(`${merchant}/${name}`, perMinute);
      else this.everyone.set(name, perMinute);
    }
  }

  perMinute(name: RateLimitClass, merchantId?: string): number {
    return (merchantId && this.byMerchant.get(`${merchantId}/${name}`)) || this.everyone.get(name) || defaultLimitOf(name);
  }
}
