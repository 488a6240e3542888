import type { OAuthClientAuthMethod, OAuthIntrospectParams, OAuthRevokeParams } from '@payrail/contracts';
import { IsIn, IsIP, IsOptional, IsString, IsUrl } from 'class-validator';
import { CLIENT_AUTH_METHODS } from './oauth-token-request.dto.js';

/** A token presented back by a client to revoke (RFC 7009) or introspect (RFC 7662), as the edge forwards it. */
export class PresentedTokenRequestDto implements OAuthRevokeParams, OAuthIntrospectParams {
  @IsString() clientId: string;
  @IsOptional() @IsString() clientSecret?: string;
  @IsIn(CLIENT_AUTH_METHODS) authMethod: OAuthClientAuthMethod;
  @IsIP() sourceAddress: string;
  /** Any string: what is not a token of ours is answered per the RFCs, not as a validation error. */
  @IsString() token: string;
  @IsOptional() @IsString() tokenTypeHint?: string;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) issuer: string;
}
