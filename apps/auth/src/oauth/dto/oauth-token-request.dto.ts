import type { OAuthClientAuthMethod, OAuthTokenParams } from '@payrail/contracts';
import { IsIn, IsIP, IsOptional, IsString, IsUrl } from 'class-validator';

export const CLIENT_AUTH_METHODS: OAuthClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];

/** What the edge forwards; the values a client sent are judged by the service, so as to answer per RFC 6749. */
export class OAuthTokenRequestDto implements OAuthTokenParams {
  @IsString() grantType: string;
  @IsString() clientId: string;
  @IsOptional() @IsString() clientSecret?: string;
  @IsIn(CLIENT_AUTH_METHODS) authMethod: OAuthClientAuthMethod;
  @IsIP() sourceAddress: string;
  @IsOptional() @IsString() scope?: string;
  @IsOptional() @IsString() refreshToken?: string;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) issuer: string;
}
