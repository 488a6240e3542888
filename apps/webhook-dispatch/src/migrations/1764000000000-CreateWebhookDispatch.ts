import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhookDispatch1764000000000 implements MigrationInterface {
  name = 'CreateWebhookDispatch1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('webhooks')) await runner.query(statement);
    await runner.query(`CREATE TABLE "webhooks"."webhook_endpoints" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "url" text NOT NULL,
      "enabled_events" text[] NOT NULL,
      "status" text NOT NULL DEFAULT 'enabled',
      "description" text,
      "api_version" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "secret_sealed" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz,
      CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "webhook_endpoints_status_known" CHECK ("status" IN ('enabled', 'disabled')),
      CONSTRAINT "webhook_endpoints_events_present" CHECK (cardinality("enabled_events") > 0)
    )`);
    await runner.query(
      `CREATE INDEX "webhook_endpoints_merchant_created_idx" ON "webhooks"."webhook_endpoints" ("merchant_id", "livemode", "created_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL`,
    );

    await runner.query(`CREATE TABLE "webhooks"."events" (
      "id" text NOT NULL,
      "source_event_id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "type" text NOT NULL,
      "api_version" text NOT NULL,
      "data" jsonb NOT NULL,
      "request_id" text,
      "idempotency_key" text,
      "pending_webhooks" integer NOT NULL DEFAULT 0,
      "occurred_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "events_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "events_source_event_key" UNIQUE ("source_event_id"),
      CONSTRAINT "events_pending_webhooks_not_negative" CHECK ("pending_webhooks" >= 0)
    )`);
    await runner.query(`CREATE INDEX "events_merchant_created_idx" ON "webhooks"."events" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "events_merchant_type_created_idx" ON "webhooks"."events" ("merchant_id", "livemode", "type", "created_at" DESC, "id" DESC)`);

    await runner.query(`CREATE TABLE "webhooks"."webhook_deliveries" (
      "id" text NOT NULL,
      "event_id" text NOT NULL,
      "endpoint_id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "status" text NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "claimed_until" timestamptz,
      "claim_token" text,
      "last_status_code" integer,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "settled_at" timestamptz,
      CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "webhook_deliveries_event_endpoint_key" UNIQUE ("event_id", "endpoint_id"),
      CONSTRAINT "webhook_deliveries_event_fkey" FOREIGN KEY ("event_id") REFERENCES "webhooks"."events" ("id"),
      CONSTRAINT "webhook_deliveries_endpoint_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhooks"."webhook_endpoints" ("id"),
      CONSTRAINT "webhook_deliveries_status_known" CHECK ("status" IN ('pending', 'succeeded', 'failed', 'canceled'))
    )`);
    await runner.query(`CREATE INDEX "webhook_deliveries_due_idx" ON "webhooks"."webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`);
    await runner.query(`CREATE INDEX "webhook_deliveries_endpoint_pending_idx" ON "webhooks"."webhook_deliveries" ("endpoint_id") WHERE "status" = 'pending'`);

    await runner.query(`CREATE TABLE "webhooks"."webhook_delivery_attempts" (
      "id" text NOT NULL,
      "delivery_id" text NOT NULL,
      "attempt" integer NOT NULL,
      "succeeded" boolean NOT NULL,
      "status_code" integer,
      "duration_ms" integer NOT NULL,
      "error" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "webhook_delivery_attempts_delivery_attempt_key" UNIQUE ("delivery_id", "attempt"),
      CONSTRAINT "webhook_delivery_attempts_delivery_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhooks"."webhook_deliveries" ("id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "webhooks"."webhook_delivery_attempts"`);
    await runner.query(`DROP TABLE "webhooks"."webhook_deliveries"`);
    await runner.query(`DROP TABLE "webhooks"."events"`);
    await runner.query(`DROP TABLE "webhooks"."webhook_endpoints"`);
    for (const statement of messagingTablesDown('webhooks')) await runner.query(statement);
  }
}
