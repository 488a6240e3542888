import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchants' ordered routing rules; every call made for an authorisation (which account, how it ended,
 * how long it took), from which failover, the circuit breakers and gateway health are computed; and one
 * circuit row per gateway account that has ever failed, shared by every replica.
 */
export class CreateRoutingRulesAttemptsAndCircuits1767000000000 implements MigrationInterface {
  name = 'CreateRoutingRulesAttemptsAndCircuits1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "connectors"."routing_rules" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "priority" integer NOT NULL,
      "payment_method_types" jsonb NOT NULL,
      "currencies" jsonb NOT NULL,
      "amount_min" bigint,
      "amount_max" bigint,
      "match_metadata" jsonb NOT NULL,
      "gateway_account_id" text NOT NULL,
      "fallback_gateway_account_ids" jsonb NOT NULL,
      "metadata" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "routing_rules_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "routing_rules_amount_range" CHECK ("amount_min" IS NULL OR "amount_max" IS NULL OR "amount_min" <= "amount_max")
    )`);
    await runner.query(`CREATE INDEX "routing_rules_merchant_order_idx" ON "connectors"."routing_rules" ("merchant_id", "livemode", "priority", "created_at", "id")`);
    await runner.query(`CREATE TABLE "connectors"."authorization_attempts" (
      "id" text NOT NULL,
      "idempotency_key" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "gateway" text NOT NULL,
      "gateway_account_id" text,
      "outcome_class" text NOT NULL,
      "latency_ms" integer NOT NULL,
      "attempted_at" timestamptz NOT NULL,
      CONSTRAINT "authorization_attempts_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "authorization_attempts_outcome_class" CHECK ("outcome_class" IN ('answered', 'rejected', 'unreachable', 'outcome_unknown', 'error', 'circuit_open'))
    )`);
    await runner.query(`CREATE INDEX "authorization_attempts_key_idx" ON "connectors"."authorization_attempts" ("idempotency_key", "attempted_at")`);
    await runner.query(`CREATE INDEX "authorization_attempts_account_time_idx" ON "connectors"."authorization_attempts" ("gateway_account_id", "attempted_at")`);
    await runner.query(`CREATE TABLE "connectors"."gateway_circuits" (
      "gateway_account_id" text NOT NULL,
      "opened_at" timestamptz,
      "probe_until" timestamptz,
      "closed_at" timestamptz NOT NULL,
      CONSTRAINT "gateway_circuits_pkey" PRIMARY KEY ("gateway_account_id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."gateway_circuits"`);
    await runner.query(`DROP TABLE "connectors"."authorization_attempts"`);
    await runner.query(`DROP TABLE "connectors"."routing_rules"`);
  }
}
