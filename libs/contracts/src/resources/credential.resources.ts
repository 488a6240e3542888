import type { UserRole } from '../commands/merchant-admin.commands.js';

/** An OAuth client as its merchant sees it; `client_secret` only in the answer that creates or rolls it. */
export class OAuthClientResource {
  /** `cli_…`: the OAuth `client_id`. */
  id: string;
  object: 'oauth_client';
  name: string;
  /** What its access tokens may be granted, from the scope catalogue. */
  scopes: string[];
  livemode: boolean;
  created: number;
  revoked_at: number | null;
  status: 'active' | 'revoked';
  client_secret?: string;
}

/** A key for HMAC-signed requests; `secret` only in the answer that creates it. */
export class SigningKeyResource {
  /** `hk_…`: what a signed request sends in `X-API-KEY`. */
  id: string;
  object: 'signing_key';
  livemode: boolean;
  last4: string;
  created: number;
  revoked_at: number | null;
  status: 'active' | 'revoked';
  secret?: string;
}

/** A dashboard user of the merchant. Never a password hash; `password` only when the platform generated it. */
export class UserResource {
  id: string;
  object: 'user';
  username: string;
  role: UserRole;
  created: number;
  password?: string;
}

export class DeletedUserResource {
  id: string;
  object: 'user';
  deleted: true;
}
