/** How the client authenticated (RFC 6749 §2.3.1); `none` is a public client that only names itself. */
export type OAuthClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/**
 * The first-party dashboard: a public client (it has no secret to keep) through which users log in with
 * a password. It is the only client that gets refresh tokens: RFC 6749 §4.4.3 has none for client
 * credentials, which can simply ask again.
 */
export const DASHBOARD_CLIENT_ID = 'payrail-dashboard';

/** How the client authenticated, as the edge took it from the header or the body. */
export interface OAuthClientAuthentication {
  clientId: string;
  /** Absent for a public client (`authMethod: 'none'`). */
  clientSecret?: string;
  authMethod: OAuthClientAuthMethod;
  /** The caller's IP address as the edge saw it (see PAYRAIL_TRUST_PROXY): failed secrets are throttled per address. */
  sourceAddress: string;
}

/** A token request as the edge received it, the client credentials already taken from the header or body. */
export interface OAuthTokenParams extends OAuthClientAuthentication {
  grantType: string;
  /** The space-separated `scope` parameter, when sent. */
  scope?: string;
  /** The `refresh_token` parameter of the refresh_token grant (RFC 6749 §6). */
  refreshToken?: string;
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
  /** Only for a user's session (dashboard login and the refresh_token grant): opaque, single-use. */
  refreshToken?: string;
}

export interface OAuthTokenRefused {
  ok: false;
  error: OAuthErrorCode;
  errorDescription: string;
  /** Set when the client is slowed down or locked out after failed attempts: seconds until it may try again. */
  retryAfterSeconds?: number;
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

/** A dashboard user's password login (first-party; no OAuth password grant, per RFC 9700 §2.4). */
export interface UserLoginParams {
  username: string;
  password: string;
  /** The mode the session acts in; test mode unless asked. */
  livemode?: boolean;
  issuer: string;
  /** The caller's IP address as the edge saw it (see PAYRAIL_TRUST_PROXY): failed logins are throttled per address. */
  sourceAddress: string;
}

/**
 * A user changing their own password: proved with the current one (throttled like a login). Every session
 * they had ends; the answer is a new one.
 */
export interface UserPasswordChangeParams extends UserLoginParams {
  newPassword: string;
}

/** A user's session: always with a refresh token. Refusals travel as Payrail errors (login_failed, …). */
export type UserLoginResult = OAuthTokenIssued & { refreshToken: string };

/** RFC 7009 token revocation, the client already taken from the request. */
export interface OAuthRevokeParams extends OAuthClientAuthentication {
  token: string;
  /** `access_token` or `refresh_token`; only a hint (RFC 7009 §2.1). */
  tokenTypeHint?: string;
  issuer: string;
}

export type OAuthRevokeResult = { ok: true } | OAuthTokenRefused;

/** RFC 7662 token introspection, for a confidential client of the token's merchant. */
export interface OAuthIntrospectParams extends OAuthClientAuthentication {
  token: string;
  tokenTypeHint?: string;
  issuer: string;
}

/** RFC 7662 §2.2's answer; an inactive token says nothing more about itself. */
export type OAuthIntrospection =
  | { active: false }
  | {
      active: true;
      token_type: 'Bearer' | 'refresh_token';
      scope: string;
      client_id: string;
      sub: string;
      /** The user's name, for a user's session. */
      username?: string;
      iat: number;
      exp: number;
      iss: string;
      aud?: string;
      jti?: string;
      merchant_id: string;
      livemode: boolean;
    };

export type OAuthIntrospectResult = { ok: true; introspection: OAuthIntrospection } | OAuthTokenRefused;

/** Access tokens revoked before their expiry: what the edge's deny list is built from. */
export interface RevokedAccessTokensParams {
  /** Unix ms: revocations recorded at or after this. Absent: every revoked token not yet expired. */
  since?: number;
}

export interface RevokedAccessToken {
  jti: string;
  /** Unix seconds: the token's own `exp`, after which the entry is no longer needed. */
  exp: number;
}

/**
 * Every access token of a subject issued up to a moment: what revoking an OAuth client (`sub` = its
 * client id) does to the tokens it already holds, whose jtis nobody recorded.
 */
export interface RevokedSubject {
  sub: string;
  /** Unix seconds: tokens with `iat` at or before this are refused. */
  issuedUpTo: number;
  /** Unix seconds: once every such token has expired, the entry is no longer needed. */
  exp: number;
}

export interface RevokedAccessTokensResult {
  revoked: RevokedAccessToken[];
  /** Subjects revoked at or after `since` (all of them still relevant when `since` is absent). */
  revokedSubjects: RevokedSubject[];
  /** Unix ms, the database's clock when it was read: the caller's next `since`, less an overlap. */
  asOf: number;
}
