import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revoked subjects: every access token of a subject (an OAuth client's id) issued up to a moment, which
 * the edge refuses as it refuses a revoked `jti`. And the indexes the merchant's lists of OAuth clients
 * and signing keys page through, newest first.
 */
export class CreateRevokedSubjects1764800000000 implements MigrationInterface {
  name = 'CreateRevokedSubjects1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "auth"."revoked_subjects" (
      "sub" text NOT NULL,
      "issued_up_to" timestamptz NOT NULL,
      "exp" timestamptz NOT NULL,
      "revoked_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "revoked_subjects_pkey" PRIMARY KEY ("sub"),
      CONSTRAINT "revoked_subjects_exp_after_issued_up_to" CHECK ("exp" >= "issued_up_to")
    )`);
    await runner.query(`CREATE INDEX "revoked_subjects_revoked_at_idx" ON "auth"."revoked_subjects" ("revoked_at")`);
    await runner.query(`CREATE INDEX "revoked_subjects_exp_idx" ON "auth"."revoked_subjects" ("exp")`);
    await runner.query(`CREATE INDEX "oauth_clients_merchant_created_idx" ON "auth"."oauth_clients" ("merchant_id", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "signing_keys_merchant_created_idx" ON "auth"."signing_keys" ("merchant_id", "created_at" DESC, "id" DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "auth"."signing_keys_merchant_created_idx"`);
    await runner.query(`DROP INDEX "auth"."oauth_clients_merchant_created_idx"`);
    await runner.query(`DROP TABLE "auth"."revoked_subjects"`);
  }
}
