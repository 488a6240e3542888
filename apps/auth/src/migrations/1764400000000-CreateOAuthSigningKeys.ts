import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ES256 key pairs that sign OAuth access tokens, and two things OAuth clients lacked: their mode, and
 * scopes from the published catalogue in place of the placeholder `read_write` (which meant "all").
 */
export class CreateOAuthSigningKeys1764400000000 implements MigrationInterface {
  name = 'CreateOAuthSigningKeys1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "auth"."oauth_signing_keys" (
      "id" text NOT NULL,
      "algorithm" text NOT NULL,
      "public_jwk" jsonb NOT NULL,
      "private_key_ciphertext" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "signs_until" timestamptz NOT NULL,
      "published_until" timestamptz NOT NULL,
      CONSTRAINT "oauth_signing_keys_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "oauth_signing_keys_algorithm_known" CHECK ("algorithm" IN ('ES256')),
      CONSTRAINT "oauth_signing_keys_published_after_signing" CHECK ("published_until" >= "signs_until")
    )`);
    await runner.query(`CREATE INDEX "oauth_signing_keys_published_until_idx" ON "auth"."oauth_signing_keys" ("published_until")`);
    await runner.query(`ALTER TABLE "auth"."oauth_clients" ADD COLUMN "livemode" boolean NOT NULL DEFAULT false`);
    await runner.query(`UPDATE "auth"."oauth_clients"
      SET "scopes" = ARRAY['payments:read','payments:write','refunds:write','customers:write','webhooks:manage','accounts:read','transfers:write']
      WHERE "scopes" = ARRAY['read_write']`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE "auth"."oauth_clients" SET "scopes" = ARRAY['read_write']
      WHERE "scopes" = ARRAY['payments:read','payments:write','refunds:write','customers:write','webhooks:manage','accounts:read','transfers:write']`);
    await runner.query(`ALTER TABLE "auth"."oauth_clients" DROP COLUMN "livemode"`);
    await runner.query(`DROP TABLE "auth"."oauth_signing_keys"`);
  }
}
