import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRequestNonces1764500000000 implements MigrationInterface {
  name = 'CreateRequestNonces1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "gateway"."request_nonces" (
      "key_id" text NOT NULL,
      "nonce" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      CONSTRAINT "request_nonces_pkey" PRIMARY KEY ("key_id", "nonce"),
      CONSTRAINT "request_nonces_nonce_length" CHECK (char_length("nonce") BETWEEN 1 AND 128)
    )`);
    await runner.query(`CREATE INDEX "request_nonces_expires_at_idx" ON "gateway"."request_nonces" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "gateway"."request_nonces"`);
  }
}
