import { validateConfig } from '@payrail/messaging';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Access tokens live 15 minutes: RFC 9068 asks for short lives, the issue for at most an hour. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** A refresh token unused for 14 days expires: the user has left. */
export const REFRESH_TOKEN_IDLE_SECONDS = 14 * 24 * 3600;

/** A session ends 30 days after its login whatever happens: refreshing cannot keep it alive longer. */
export const SESSION_MAX_SECONDS = 30 * 24 * 3600;

/** How long a retired key stays published beyond its last token's expiry, for clock skew at verifiers. */
export const KEY_PUBLICATION_GRACE_SECONDS = 5 * 60;

export class OAuthEnv {
  /** Days a JWT signing key signs new tokens before the next one takes over. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) PAYRAIL_JWT_KEY_ROTATION_DAYS?: number;
}

export class OAuthConfig {
  constructor(
    readonly keyRotationSeconds: number,
    readonly accessTokenLifetimeSeconds: number = ACCESS_TOKEN_LIFETIME_SECONDS,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): OAuthConfig {
    const validated = validateConfig(OAuthEnv, env);
    return new OAuthConfig((validated.PAYRAIL_JWT_KEY_ROTATION_DAYS ?? 30) * 24 * 3600);
  }
}
