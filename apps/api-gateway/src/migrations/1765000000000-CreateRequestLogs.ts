import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRequestLogs1765000000000 implements MigrationInterface {
  name = 'CreateRequestLogs1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "gateway"."request_logs" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "credential" text,
      "method" text NOT NULL,
      "path" text NOT NULL,
      "status" integer NOT NULL,
      "request_body" jsonb,
      "response_body" jsonb,
      "source_address" text NOT NULL,
      "user_agent" text,
      "idempotency_key" text,
      "latency_ms" integer NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "request_logs_pkey" PRIMARY KEY ("id")
    )`);
    await runner.query(
      `CREATE INDEX "request_logs_merchant_created_idx" ON "gateway"."request_logs" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`,
    );
    await runner.query(`CREATE INDEX "request_logs_created_at_idx" ON "gateway"."request_logs" ("created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "gateway"."request_logs"`);
  }
}
