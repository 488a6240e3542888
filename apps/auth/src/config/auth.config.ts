import { inspect } from 'node:util';
import { Secret, validateConfig } from '@payrail/messaging';
import { IsString, MinLength } from 'class-validator';

const MASKED = '[REDACTED]';

/**
 * The auth service's environment. Both keys are deployment secrets: the embedded platform generates
 * them once into its data dir; a standalone process is given them. `validateConfig` reports a bad
 * variable by name only, never its value, and a loaded config prints masked.
 */
export class AuthConfig {
  /** HMAC key for API key and client secret hashes: a database dump alone cannot test guessed keys. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_API_KEY_PEPPER!: string;
  /** Root key from which the signing-secret encryption key is derived. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_SECRETS_KEY!: string;

  toJSON(): Record<string, string> {
    return { PAYRAIL_API_KEY_PEPPER: MASKED, PAYRAIL_SECRETS_KEY: MASKED };
  }

  [inspect.custom](): string {
    return `AuthConfig ${JSON.stringify(this.toJSON())}`;
  }
}

/** The two keys only, validated; the rest of the environment is not carried along. */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const validated = validateConfig(AuthConfig, env);
  return Object.freeze(
    Object.assign(new AuthConfig(), {
      PAYRAIL_API_KEY_PEPPER: validated.PAYRAIL_API_KEY_PEPPER,
      PAYRAIL_SECRETS_KEY: validated.PAYRAIL_SECRETS_KEY,
    }),
  );
}
