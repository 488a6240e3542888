import type { BillingDetails, BillingDetailsInput } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

const MAX_LENGTH = 5000;

/** Stripe's billing_details: every field present, `null` where not given. */
export function toBillingDetails(input: BillingDetailsInput | undefined): BillingDetails {
  const address = input?.address ?? {};
  return {
    address: {
      city: text(address.city, 'billing_details[address][city]'),
      country: text(address.country, 'billing_details[address][country]'),
      line1: text(address.line1, 'billing_details[address][line1]'),
      line2: text(address.line2, 'billing_details[address][line2]'),
      postal_code: text(address.postal_code, 'billing_details[address][postal_code]'),
      state: text(address.state, 'billing_details[address][state]'),
    },
    email: text(input?.email, 'billing_details[email]'),
    name: text(input?.name, 'billing_details[name]'),
    phone: text(input?.phone, 'billing_details[phone]'),
  };
}

function text(value: unknown, param: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_LENGTH) throw new PayrailError('parameter_invalid', `Invalid ${param}.`, { param });
  return value;
}
