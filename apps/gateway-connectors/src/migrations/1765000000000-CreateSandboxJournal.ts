import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sandbox gateway's own record of what it was asked, by idempotency key, kept apart from
 * `gateway_transactions` (Payrail's record) as a real gateway's is: a crash between the gateway's
 * answer and Payrail's recording of it is then recovered by asking the gateway, not by guessing.
 * A row without an answer is a key the gateway was asked about before it saw the attempt: closed,
 * so that the attempt can never be authorised late.
 */
export class CreateSandboxJournal1765000000000 implements MigrationInterface {
  name = 'CreateSandboxJournal1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "connectors"."sandbox_journal" (
      "idempotency_key" text NOT NULL,
      "livemode" boolean NOT NULL,
      "amount" bigint,
      "currency" text,
      "capture_method" text,
      "answer" jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "sandbox_journal_pkey" PRIMARY KEY ("idempotency_key"),
      CONSTRAINT "sandbox_journal_answer_complete" CHECK (("answer" IS NULL) = ("amount" IS NULL))
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."sandbox_journal"`);
  }
}
