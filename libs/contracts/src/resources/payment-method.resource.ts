import type { Metadata } from './list.js';

export class Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export class BillingDetails {
  address: Address;
  email: string | null;
  name: string | null;
  phone: string | null;
}

export type CardCheckResult = 'pass' | 'fail' | 'unavailable' | 'unchecked' | null;

/** A card as a PaymentMethod shows it: never its number or CVC. */
export class PaymentMethodCard {
  brand: string;
  checks: { address_line1_check: CardCheckResult; address_postal_code_check: CardCheckResult; cvc_check: CardCheckResult };
  country: string | null;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: string;
  generated_from: null;
  last4: string;
  networks: { available: string[]; preferred: string | null };
  regulated_status: null;
  three_d_secure_usage: { supported: boolean };
  wallet: null;
}

/** A PaymentMethod as Stripe's API returns it (the fields Payrail implements). */
export class PaymentMethodResource {
  id: string;
  object: 'payment_method';
  type: 'card' | 'mpesa';
  allow_redisplay: 'unspecified';
  billing_details: BillingDetails;
  /** Present for `card` only, as Stripe's. */
  card?: PaymentMethodCard;
  /** Present for `mpesa` only: the number normalised to `2547XXXXXXXX` / `2541XXXXXXXX`. */
  mpesa?: { phone_number: string };
  created: number;
  customer: string | null;
  livemode: boolean;
  metadata: Metadata;
}
