/** The token endpoint's answer (RFC 6749 §5.1). */
export class OAuthTokenResource {
  /** An ES256 JWT (RFC 9068, `typ: at+jwt`), to send as `Authorization: Bearer …`. */
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  /** The scopes granted, space-separated. */
  scope: string;
  /** With `grant_type=refresh_token` only: the session's next refresh token (the one presented is spent). */
  refresh_token?: string;
}

/** RFC 7662 §2.2: an inactive token answers `{active: false}` and nothing more. */
export class OAuthIntrospectionResource {
  active: boolean;
  token_type?: 'Bearer' | 'refresh_token';
  scope?: string;
  client_id?: string;
  sub?: string;
  /** The user's name, for a user's session. */
  username?: string;
  iat?: number;
  exp?: number;
  iss?: string;
  aud?: string;
  jti?: string;
  merchant_id?: string;
  livemode?: boolean;
}

/** OAuth's own error body (RFC 6749 §5.2), not Stripe's envelope. */
export class OAuthErrorResource {
  error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type' | 'unauthorized_client';
  error_description?: string;
}

/** RFC 8414 authorization server metadata. */
export class OAuthServerMetadataResource {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  revocation_endpoint: string;
  introspection_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  revocation_endpoint_auth_methods_supported: string[];
  introspection_endpoint_auth_methods_supported: string[];
  scopes_supported: string[];
  response_types_supported: string[];
  service_documentation: string;
}
