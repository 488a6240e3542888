import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Disputes as gateways report them, one per gateway dispute, with the merchant's text evidence. */
export class CreateDisputes1766600000000 implements MigrationInterface {
  name = 'CreateDisputes1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "refunds"."disputes" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "charge_id" text NOT NULL,
      "payment_intent_id" text NOT NULL,
      "gateway" text NOT NULL,
      "gateway_dispute_id" text NOT NULL,
      "amount" bigint NOT NULL,
      "currency" text NOT NULL,
      "reason" text NOT NULL,
      "status" text NOT NULL,
      "evidence" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "submission_count" integer NOT NULL DEFAULT 0,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "disputes_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "disputes_gateway_dispute_key" UNIQUE ("merchant_id", "gateway", "gateway_dispute_id"),
      CONSTRAINT "disputes_amount_not_negative" CHECK ("amount" >= 0),
      CONSTRAINT "disputes_status_known" CHECK ("status" IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'))
    )`);
    await runner.query(`CREATE INDEX "disputes_merchant_created_idx" ON "refunds"."disputes" ("merchant_id", "livemode", "created_at", "id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "refunds"."disputes"`);
  }
}
