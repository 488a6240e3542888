import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-endpoint signature scheme, retry schedule and secret rotation; the failure streak that disables
 * an endpoint; the receiver's (capped, redacted) answer on each attempt; an index for listing an
 * endpoint's deliveries.
 */
export class AddEndpointPoliciesAndAttemptDetails1765000000000 implements MigrationInterface {
  name = 'AddEndpointPoliciesAndAttemptDetails1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."webhook_endpoints"
      ADD COLUMN "signature_scheme" text NOT NULL DEFAULT 'payrail',
      ADD COLUMN "retry_schedule" integer[],
      ADD COLUMN "previous_secret_sealed" text,
      ADD COLUMN "previous_secret_expires_at" timestamptz,
      ADD COLUMN "failing_since" timestamptz,
      ADD CONSTRAINT "webhook_endpoints_signature_scheme_known" CHECK ("signature_scheme" IN ('payrail', 'stripe', 'standard-webhooks', 'sha256-hex')),
      ADD CONSTRAINT "webhook_endpoints_previous_secret_expiry" CHECK (("previous_secret_sealed" IS NULL) = ("previous_secret_expires_at" IS NULL))`);
    await runner.query(`ALTER TABLE "webhooks"."webhook_delivery_attempts" ADD COLUMN "response_body" text`);
    await runner.query(
      `CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhooks"."webhook_deliveries" ("endpoint_id", "created_at" DESC, "id" DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "webhooks"."webhook_deliveries_endpoint_created_idx"`);
    await runner.query(`ALTER TABLE "webhooks"."webhook_delivery_attempts" DROP COLUMN "response_body"`);
    await runner.query(`ALTER TABLE "webhooks"."webhook_endpoints"
      DROP CONSTRAINT "webhook_endpoints_previous_secret_expiry",
      DROP CONSTRAINT "webhook_endpoints_signature_scheme_known",
      DROP COLUMN "failing_since",
      DROP COLUMN "previous_secret_expires_at",
      DROP COLUMN "previous_secret_sealed",
      DROP COLUMN "retry_schedule",
      DROP COLUMN "signature_scheme"`);
  }
}
