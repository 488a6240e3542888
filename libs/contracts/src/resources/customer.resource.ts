import type { Metadata } from './list.js';

/** A Customer as Stripe's API returns it (the fields Payrail implements; the rest keep Stripe's empty values). */
export class CustomerResource {
  id: string;
  object: 'customer';
  address: null;
  balance: number;
  created: number;
  currency: null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: boolean;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
}

/** What Stripe answers for a deleted customer: on deletion, and when it is retrieved afterwards. */
export class DeletedCustomerResource {
  id: string;
  object: 'customer';
  deleted: true;
}
