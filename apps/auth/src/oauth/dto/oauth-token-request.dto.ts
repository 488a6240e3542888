import type { OAuthClientAuthMethod, OAuthTokenParams } from '@payrail/contracts';
import { IsIn, IsOptional, IsString, IsUrl } from 'class-validator';

/** What the edge forwards; the values a client sent are judged by the service, so as to answer per RFC 6749. */
export class OAuthTokenRequestDto implements OAuthTokenParams {
  @IsString() grantType: string;
  @IsString() clientId: string;
  @IsString() clientSecret: string;
  @IsIn(['client_secret_basic', 'client_secret_post']) authMethod: OAuthClientAuthMethod;
  @IsOptional() @IsString() scope?: string;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) issuer: string;
}
