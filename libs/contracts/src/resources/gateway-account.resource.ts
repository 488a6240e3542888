import type { Metadata } from './list.js';

/** A merchant's account at a payment gateway. Its secrets are never returned: only a masked hint of each. */
export class GatewayAccountResource {
  id: string;
  object: 'gateway_account';
  gateway: string;
  livemode: boolean;
  enabled: boolean;
  /** Per credential field, a masked hint such as `sk_test_…4242`. */
  credentials: Record<string, string>;
  /** Whether a webhook secret is set, and its masked hint. */
  webhook_secret: string | null;
  /** Where the gateway sends its callbacks for this account. */
  callback_url: string;
  metadata: Metadata;
  created: number;
  updated: number;
}

export class DeletedGatewayAccountResource {
  id: string;
  object: 'gateway_account';
  deleted: true;
}

/** A gateway Payrail can route payments to, and whether the caller has an account there. */
export class GatewayResource {
  id: string;
  object: 'gateway';
  capabilities: {
    payment_method_types: string[];
    currencies: string[];
    countries: string[];
    manual_capture: boolean;
    partial_capture: boolean;
    refunds: boolean;
    partial_refunds: boolean;
    three_d_secure: boolean;
  };
  credential_fields: string[];
  /** The caller has an enabled account at this gateway in its mode (the sandbox is built in in test mode). */
  configured: boolean;
}
