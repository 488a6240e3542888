/** The calling merchant, shaped as Stripe's `GET /v1/account`. */
export class AccountResource {
  id: string;
  object: 'account';
  business_profile: { name: string };
  email: string | null;
  country: string | null;
  default_currency: string | null;
  created: number;
  /** The mode of the key that asked. */
  livemode: boolean;
}
