import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchants' accounts at payment gateways, their credentials and webhook secret sealed (SecretBox,
 * associated data = the account id) with only masked hints in clear; and, per authorisation attempt,
 * the route it was sent on, recorded before the gateway is called so that a retry, a 3D Secure
 * completion, a sync and every capture, void or refund reach the same gateway account.
 */
export class CreateGatewayAccounts1766000000000 implements MigrationInterface {
  name = 'CreateGatewayAccounts1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "connectors"."gateway_accounts" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "gateway" text NOT NULL,
      "credentials_sealed" text NOT NULL,
      "credential_hints" jsonb NOT NULL,
      "webhook_secret_sealed" text,
      "webhook_secret_hint" text,
      "enabled" boolean NOT NULL,
      "metadata" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "deleted_at" timestamptz,
      CONSTRAINT "gateway_accounts_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "gateway_accounts_webhook_secret_hinted" CHECK (("webhook_secret_sealed" IS NULL) = ("webhook_secret_hint" IS NULL))
    )`);
    await runner.query(
      `CREATE INDEX "gateway_accounts_merchant_created_idx" ON "connectors"."gateway_accounts" ("merchant_id", "livemode", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "gateway_account_id" text`);
    await runner.query(`CREATE TABLE "connectors"."authorization_routes" (
      "idempotency_key" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "gateway" text NOT NULL,
      "gateway_account_id" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "authorization_routes_pkey" PRIMARY KEY ("idempotency_key")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."authorization_routes"`);
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "gateway_account_id"`);
    await runner.query(`DROP TABLE "connectors"."gateway_accounts"`);
  }
}
