import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentIntentsAndCharges1764000000000 implements MigrationInterface {
  name = 'CreatePaymentIntentsAndCharges1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('payments')) await runner.query(statement);
    await runner.query(`CREATE TABLE "payments"."payment_intents" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "amount" bigint NOT NULL,
      "currency" text NOT NULL,
      "status" text NOT NULL,
      "capture_method" text NOT NULL,
      "confirmation_method" text NOT NULL,
      "client_secret" text NOT NULL,
      "description" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "payment_method" text,
      "payment_method_types" text[] NOT NULL,
      "latest_charge" text,
      "last_payment_error" jsonb,
      "amount_received" bigint NOT NULL DEFAULT 0,
      "amount_capturable" bigint NOT NULL DEFAULT 0,
      "customer" text,
      "receipt_email" text,
      "statement_descriptor" text,
      "canceled_at" timestamptz,
      "cancellation_reason" text,
      "attempts" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "payment_intents_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "payment_intents_amount_positive" CHECK ("amount" > 0),
      CONSTRAINT "payment_intents_status_known" CHECK ("status" IN ('requires_payment_method','requires_confirmation','requires_action','processing','requires_capture','succeeded','canceled'))
    )`);
    await runner.query(`CREATE INDEX "payment_intents_merchant_created_idx" ON "payments"."payment_intents" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE TABLE "payments"."charges" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "payment_intent_id" text NOT NULL,
      "amount" bigint NOT NULL,
      "amount_captured" bigint NOT NULL DEFAULT 0,
      "amount_refunded" bigint NOT NULL DEFAULT 0,
      "currency" text NOT NULL,
      "status" text NOT NULL,
      "payment_method" text,
      "card" jsonb,
      "outcome" jsonb NOT NULL,
      "failure_code" text,
      "failure_message" text,
      "connector" text NOT NULL,
      "gateway_reference" text NOT NULL,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "charges_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "charges_payment_intent_fkey" FOREIGN KEY ("payment_intent_id") REFERENCES "payments"."payment_intents" ("id"),
      CONSTRAINT "charges_refunded_within_captured" CHECK ("amount_refunded" <= "amount_captured")
    )`);
    await runner.query(`CREATE INDEX "charges_payment_intent_idx" ON "payments"."charges" ("payment_intent_id")`);
    await runner.query(`CREATE TABLE "payments"."charge_refunds" (
      "refund_id" text NOT NULL,
      "charge_id" text NOT NULL,
      "amount" bigint NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "charge_refunds_pkey" PRIMARY KEY ("refund_id"),
      CONSTRAINT "charge_refunds_charge_fkey" FOREIGN KEY ("charge_id") REFERENCES "payments"."charges" ("id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "payments"."charge_refunds"`);
    await runner.query(`DROP TABLE "payments"."charges"`);
    await runner.query(`DROP TABLE "payments"."payment_intents"`);
    for (const statement of messagingTablesDown('payments')) await runner.query(statement);
  }
}
