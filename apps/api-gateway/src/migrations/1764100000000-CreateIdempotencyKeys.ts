import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1764100000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "gateway"."idempotency_keys" (
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "request_id" text NOT NULL,
      "locked_until" timestamptz,
      "response_status" integer,
      "response_body" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("merchant_id", "livemode", "key"),
      CONSTRAINT "idempotency_keys_key_length" CHECK (char_length("key") BETWEEN 1 AND 255),
      CONSTRAINT "idempotency_keys_claimed_or_answered" CHECK (
        ("locked_until" IS NOT NULL AND "response_status" IS NULL AND "response_body" IS NULL)
        OR ("locked_until" IS NULL AND "response_status" IS NOT NULL AND "response_body" IS NOT NULL)
      )
    )`);
    await runner.query(`CREATE INDEX "idempotency_keys_expires_at_idx" ON "gateway"."idempotency_keys" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "gateway"."idempotency_keys"`);
  }
}
