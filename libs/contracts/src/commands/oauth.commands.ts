/** How the client authenticated at the token endpoint (RFC 6749 §2.3.1). */
export type OAuthClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A token request as the edge received it, the client credentials already taken from the header or body. */
export interface OAuthTokenParams {
  grantType: string;
  clientId: string;
  clientSecret: string;
  authMethod: OAuthClientAuthMethod;
  /** The space-separated `scope` parameter, when sent. */
  scope?: string;
  /** The `iss` the token is issued under: the authorization server's URL as the edge serves it. */
  issuer: string;
}

/** RFC 6749 §5.2 error codes the token endpoint answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export interface OAuthTokenIssued {
  ok: true;
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  scope: string;
}

export interface OAuthTokenRefused {
  ok: false;
  error: OAuthErrorCode;
  errorDescription: string;
}

/** A refusal is an OAuth protocol answer (RFC 6749 §5.2), not a Payrail error: it travels as a reply. */
export type OAuthTokenResult = OAuthTokenIssued | OAuthTokenRefused;

/** One public key as published in the JWKS (RFC 7517): EC P-256 for ES256. */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  kid: string;
  alg: string;
  use: 'sig';
}

export interface JwksResult {
  keys: PublicJwk[];
}
