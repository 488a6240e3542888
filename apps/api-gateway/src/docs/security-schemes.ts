import type { SecuritySchemeObject } from '@nestjs/swagger';
import { OAuthScopes, OperatorScopes, type RouteScope } from '@payrail/contracts';

/** The names operations' `security` refers to. */
export const Schemes = {
  secretKey: 'SecretKey',
  secretKeyBasic: 'SecretKeyBasic',
  publishableKey: 'PublishableKey',
  signedRequest: 'SignedRequest',
  oauth2: 'OAuth2',
} as const;

const SCOPE_DESCRIPTIONS: Record<RouteScope, string> = {
  'payments:read': 'Read payment intents, charges, payment methods, customers, refunds, disputes, events, the balance and balance transactions',
  'payments:write': 'Create, update, confirm, capture and cancel payment intents; create, attach and detach payment methods',
  'refunds:write': 'Create refunds; give dispute evidence and close disputes',
  'customers:write': 'Create, update and delete customers',
  'webhooks:manage': 'Create, list, read and delete webhook endpoints',
  'accounts:read': 'Read the merchant\'s account, its gateways, ledger accounts and their transfers',
  'transfers:write': 'Create and update ledger accounts, create account-to-account transfers',
  'credentials:manage': 'Manage API keys, OAuth clients, signing keys and gateway accounts',
  'users:manage': 'Add, list, change the role of and remove dashboard users',
  'pricing:manage': "The platform operator's: replace the merchant's pricing plan. Only OAuth clients the operator creates carry it (auth's operator-client-cli)",
};

export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  [Schemes.secretKey]: {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret API key (`sk_test_…`, `sk_live_…`) as `Authorization: Bearer`, or in an `X-API-Key` header.',
  },
  [Schemes.secretKeyBasic]: { type: 'http', scheme: 'basic', description: 'A secret API key as the HTTP Basic username, with an empty password (`curl -u sk_test_…:`).' },
  [Schemes.publishableKey]: {
    type: 'http',
    scheme: 'bearer',
    description: 'A publishable key (`pk_test_…`) for client-side code, only on the operations that list this scheme, with the object\'s `client_secret`.',
  },
  [Schemes.signedRequest]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-KEY',
    description:
      'An HMAC-signed request: `X-API-KEY` (the signing key id `hk_…`), `X-API-TIMESTAMP` (unix seconds, within 300 s), `X-API-NONCE` (new for every request) and `X-API-SIGNATURE`, the lowercase hex HMAC-SHA256 under the signing secret of `METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nRAW_BODY`. It has a secret key\'s access.',
  },
  [Schemes.oauth2]: {
    type: 'oauth2',
    description: 'An access token (ES256 JWT) from the client-credentials grant; each operation names the scope it needs.',
    flows: {
      clientCredentials: { tokenUrl: '/oauth/token', scopes: Object.fromEntries([...OAuthScopes, ...OperatorScopes].map((scope) => [scope, SCOPE_DESCRIPTIONS[scope]])) },
    },
  },
};
