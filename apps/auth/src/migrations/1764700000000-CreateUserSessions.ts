import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users' sessions: rotating refresh tokens grouped in families (one family per login), the deny list of
 * access tokens revoked before their expiry, and the failed-attempt counters that slow and lock logins.
 */
export class CreateUserSessions1764700000000 implements MigrationInterface {
  name = 'CreateUserSessions1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "auth"."refresh_tokens" (
      "id" text NOT NULL,
      "family_id" text NOT NULL,
      "token_hash" text NOT NULL,
      "client_id" text NOT NULL,
      "user_id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "scopes" text[] NOT NULL,
      "access_token_jti" text NOT NULL,
      "access_token_expires_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "family_expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "revoked_at" timestamptz,
      CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "refresh_tokens_token_hash_key" UNIQUE ("token_hash"),
      CONSTRAINT "refresh_tokens_user_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users" ("id") ON DELETE CASCADE,
      CONSTRAINT "refresh_tokens_expiry_within_family" CHECK ("expires_at" <= "family_expires_at")
    )`);
    await runner.query(`CREATE INDEX "refresh_tokens_family_idx" ON "auth"."refresh_tokens" ("family_id")`);
    await runner.query(`CREATE INDEX "refresh_tokens_family_expires_at_idx" ON "auth"."refresh_tokens" ("family_expires_at")`);
    await runner.query(`CREATE INDEX "refresh_tokens_user_idx" ON "auth"."refresh_tokens" ("user_id")`);

    await runner.query(`CREATE TABLE "auth"."revoked_access_tokens" (
      "jti" text NOT NULL,
      "exp" timestamptz NOT NULL,
      "revoked_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "revoked_access_tokens_pkey" PRIMARY KEY ("jti")
    )`);
    await runner.query(`CREATE INDEX "revoked_access_tokens_revoked_at_idx" ON "auth"."revoked_access_tokens" ("revoked_at")`);
    await runner.query(`CREATE INDEX "revoked_access_tokens_exp_idx" ON "auth"."revoked_access_tokens" ("exp")`);

    await runner.query(`CREATE TABLE "auth"."login_attempts" (
      "subject" text NOT NULL,
      "failures" integer NOT NULL,
      "last_failure_at" timestamptz NOT NULL,
      "locked_until" timestamptz,
      CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("subject"),
      CONSTRAINT "login_attempts_failures_positive" CHECK ("failures" > 0)
    )`);
    await runner.query(`CREATE INDEX "login_attempts_last_failure_at_idx" ON "auth"."login_attempts" ("last_failure_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "auth"."login_attempts"`);
    await runner.query(`DROP TABLE "auth"."revoked_access_tokens"`);
    await runner.query(`DROP TABLE "auth"."refresh_tokens"`);
  }
}
