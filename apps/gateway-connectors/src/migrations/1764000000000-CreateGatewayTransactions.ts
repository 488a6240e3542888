import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGatewayTransactions1764000000000 implements MigrationInterface {
  name = 'CreateGatewayTransactions1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('connectors')) await runner.query(statement);
    // Card columns hold what may be shown and kept (brand, last4, expiry, funding, keyed fingerprint);
    // there is deliberately no column that could hold a card number.
    await runner.query(`CREATE TABLE "connectors"."gateway_transactions" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "connector" text NOT NULL,
      "kind" text NOT NULL,
      "idempotency_key" text NOT NULL,
      "source_id" text NOT NULL,
      "parent_id" text,
      "amount" bigint NOT NULL,
      "currency" text NOT NULL,
      "capture_method" text,
      "outcome" text NOT NULL,
      "failure_code" text,
      "decline_code" text,
      "failure_message" text,
      "network_status" text,
      "risk_level" text,
      "seller_message" text,
      "card_brand" text,
      "card_last4" text,
      "card_exp_month" integer,
      "card_exp_year" integer,
      "card_funding" text,
      "card_country" text,
      "card_fingerprint" text,
      "gateway_reference" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "gateway_transactions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "gateway_transactions_idempotency_key_key" UNIQUE ("idempotency_key"),
      CONSTRAINT "gateway_transactions_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "connectors"."gateway_transactions" ("id"),
      CONSTRAINT "gateway_transactions_kind_known" CHECK ("kind" IN ('authorization', 'refund')),
      CONSTRAINT "gateway_transactions_outcome_known" CHECK ("outcome" IN ('succeeded', 'declined', 'failed', 'pending')),
      CONSTRAINT "gateway_transactions_amount_positive" CHECK ("amount" > 0),
      CONSTRAINT "gateway_transactions_refund_has_parent" CHECK (("kind" = 'refund') = ("parent_id" IS NOT NULL)),
      CONSTRAINT "gateway_transactions_card_last4_digits" CHECK ("card_last4" IS NULL OR "card_last4" ~ '^[0-9]{4}$')
    )`);
    await runner.query(
      `CREATE INDEX "gateway_transactions_merchant_created_idx" ON "connectors"."gateway_transactions" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`,
    );
    await runner.query(
      `CREATE INDEX "gateway_transactions_parent_idx" ON "connectors"."gateway_transactions" ("parent_id") WHERE "parent_id" IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."gateway_transactions"`);
    for (const statement of messagingTablesDown('connectors')) await runner.query(statement);
  }
}
