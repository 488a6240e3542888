import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRefunds1764000000000 implements MigrationInterface {
  name = 'CreateRefunds1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('refunds')) await runner.query(statement);
    await runner.query(`CREATE TABLE "refunds"."refunds" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "charge_id" text NOT NULL,
      "payment_intent_id" text NOT NULL,
      "amount" bigint NOT NULL,
      "currency" text NOT NULL,
      "status" text NOT NULL,
      "reason" text,
      "failure_reason" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "connector" text NOT NULL,
      "charge_gateway_reference" text NOT NULL,
      "gateway_reference" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "refunds_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "refunds_amount_positive" CHECK ("amount" > 0),
      CONSTRAINT "refunds_status_known" CHECK ("status" IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')),
      CONSTRAINT "refunds_reason_known" CHECK ("reason" IS NULL OR "reason" IN ('duplicate', 'fraudulent', 'requested_by_customer'))
    )`);
    await runner.query(`CREATE INDEX "refunds_merchant_created_idx" ON "refunds"."refunds" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "refunds_charge_idx" ON "refunds"."refunds" ("charge_id", "status")`);
    await runner.query(`CREATE INDEX "refunds_payment_intent_idx" ON "refunds"."refunds" ("payment_intent_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "refunds"."refunds"`);
    for (const statement of messagingTablesDown('refunds')) await runner.query(statement);
  }
}
