import { IsArray, IsBase64, IsBoolean, IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, MaxLength, Min } from 'class-validator';
import type {
  ApiKeyType,
  CreateApiKeyParams,
  RollApiKeyParams,
  VerifyApiKeyParams,
} from '../commands/auth.commands.js';
import type { CreateOAuthClientParams, CreateSigningKeyParams, CreateUserParams, UpdateUserParams, UserRole } from '../commands/merchant-admin.commands.js';
import type {
  OAuthClientAuthMethod,
  OAuthTokenParams,
  RevokedAccessTokensParams,
  UserLoginParams,
  UserPasswordChangeParams,
} from '../commands/oauth.commands.js';
import type { VerifyRequestSignatureParams } from '../commands/request-signatures.commands.js';
import type { SignNotificationParams } from '../commands/auth.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import { EmptyParamsDto, ScopedPayload } from './common.payloads.js';

const API_KEY_TYPES: ApiKeyType[] = ['secret', 'publishable'];
const USER_ROLES: UserRole[] = ['owner', 'developer', 'viewer'];
const CLIENT_AUTH_METHODS: OAuthClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];
const ISSUER_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The edge's body limit (1 MiB) plus the signed head, in base64. */
export const MAX_CANONICAL_REQUEST_BASE64_LENGTH = 1_450_000;

export class VerifyApiKeyPayload implements VerifyApiKeyParams, RequestOf<typeof Patterns.AuthApiKeyVerify> {
  /** Length and shape are judged by the service, so that any bad key gets the same `api_key_invalid`. */
  @IsString() key!: string;
}

export class VerifyRequestSignaturePayload implements VerifyRequestSignatureParams, RequestOf<typeof Patterns.AuthSignatureVerify> {
  /** Shape is judged by the service, so that any unknown key gets the same `signing_key_invalid`. */
  @IsString() @MaxLength(256) keyId!: string;
  @IsString() @IsBase64() @MaxLength(MAX_CANONICAL_REQUEST_BASE64_LENGTH) canonicalRequest!: string;
  @IsString() @MaxLength(256) signature!: string;
}

/** What the edge forwards; the values a client sent are judged by the service, so as to answer per RFC 6749. */
export class OAuthTokenPayload implements OAuthTokenParams, RequestOf<typeof Patterns.AuthOAuthToken> {
  @IsString() grantType!: string;
  @IsString() clientId!: string;
  @IsOptional() @IsString() clientSecret?: string;
  @IsIn(CLIENT_AUTH_METHODS) authMethod!: OAuthClientAuthMethod;
  @IsIP() sourceAddress!: string;
  @IsOptional() @IsString() scope?: string;
  @IsOptional() @IsString() refreshToken?: string;
  @IsUrl(ISSUER_URL) issuer!: string;
}

/** A token presented back by a client to revoke (RFC 7009) or introspect (RFC 7662), as the edge forwards it. */
export class PresentedTokenPayload
  implements RequestOf<typeof Patterns.AuthOAuthRevoke>, RequestOf<typeof Patterns.AuthOAuthIntrospect>
{
  @IsString() clientId!: string;
  @IsOptional() @IsString() clientSecret?: string;
  @IsIn(CLIENT_AUTH_METHODS) authMethod!: OAuthClientAuthMethod;
  @IsIP() sourceAddress!: string;
  /** Any string: what is not a token of ours is answered per the RFCs, not as a validation error. */
  @IsString() token!: string;
  @IsOptional() @IsString() tokenTypeHint?: string;
  @IsUrl(ISSUER_URL) issuer!: string;
}

export class RevokedAccessTokensPayload implements RevokedAccessTokensParams, RequestOf<typeof Patterns.AuthOAuthRevokedAccessTokens> {
  /** Unix ms. */
  @IsOptional() @IsInt() @Min(0) since?: number;
}

export class UserLoginPayload implements UserLoginParams, RequestOf<typeof Patterns.AuthUserLogin> {
  /** Any string up to the length limit: a name that cannot exist still gets the same answer as a wrong password. */
  @IsString() @MaxLength(256) username!: string;
  @IsString() @MaxLength(1024) password!: string;
  @IsOptional() @IsBoolean() livemode?: boolean;
  @IsUrl(ISSUER_URL) issuer!: string;
  @IsIP() sourceAddress!: string;
}

export class UserPasswordChangePayload extends UserLoginPayload implements UserPasswordChangeParams, RequestOf<typeof Patterns.AuthUserChangePassword> {
  /** Its rules (length) are the service's, so that a refusal names the parameter as the caller sent it. */
  @IsString() @MaxLength(1024) newPassword!: string;
}

export class CreateApiKeyParamsDto implements CreateApiKeyParams {
  @IsIn(API_KEY_TYPES) type!: ApiKeyType;
  @IsBoolean() livemode!: boolean;
  @IsOptional() @IsString() name?: string;
}

export class CreateApiKeyPayload extends ScopedPayload(CreateApiKeyParamsDto) implements RequestOf<typeof Patterns.AuthApiKeyCreate> {}

export class RollApiKeyParamsDto implements RollApiKeyParams {
  @IsString() id!: string;
  @IsOptional() @IsInt() @Min(0) expires_in_seconds?: number;
}

export class RollApiKeyPayload extends ScopedPayload(RollApiKeyParamsDto) implements RequestOf<typeof Patterns.AuthApiKeyRoll> {}

export class RetrieveAccountPayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.AuthAccountRetrieve> {}

export class CreateOAuthClientParamsDto implements CreateOAuthClientParams {
  @IsString() name!: string;
  /** Which scopes exist is the service's to say, naming the unknown one. */
  @IsOptional() @IsArray() @IsString({ each: true }) scopes?: string[];
  @IsOptional() @IsBoolean() livemode?: boolean;
}

export class CreateOAuthClientPayload extends ScopedPayload(CreateOAuthClientParamsDto) implements RequestOf<typeof Patterns.AuthOAuthClientCreate> {}

export class CreateSigningKeyParamsDto implements CreateSigningKeyParams {
  @IsOptional() @IsBoolean() livemode?: boolean;
}

export class CreateSigningKeyPayload extends ScopedPayload(CreateSigningKeyParamsDto) implements RequestOf<typeof Patterns.AuthSigningKeyCreate> {}

export class CreateUserParamsDto implements CreateUserParams {
  @IsString() username!: string;
  @IsIn(USER_ROLES) role!: UserRole;
  @IsOptional() @IsString() password?: string;
}

export class CreateUserPayload extends ScopedPayload(CreateUserParamsDto) implements RequestOf<typeof Patterns.AuthUserCreate> {}

export class UpdateUserParamsDto implements UpdateUserParams {
  @IsString() id!: string;
  @IsIn(USER_ROLES) role!: UserRole;
}

export class UpdateUserPayload extends ScopedPayload(UpdateUserParamsDto) implements RequestOf<typeof Patterns.AuthUserUpdate> {}

export class SignNotificationParamsDto implements SignNotificationParams {
  @IsString() key!: string;
  @IsString() method!: string;
  @IsString() path!: string;
  @IsString() timestamp!: string;
  @IsString() nonce!: string;
  @IsString() body!: string;
}

export class SignNotificationPayload extends ScopedPayload(SignNotificationParamsDto) implements RequestOf<typeof Patterns.AuthSigningKeySignNotification> {}
