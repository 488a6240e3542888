import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that hold money on the ledger, and transfers between them. An account's money is the balance
 * of its ledger accounts (`transfer_account:<id>`, floored at zero, and `transfer_incoming:<id>` for
 * what is on its way in): these tables hold only what the journal does not (status, references, the
 * transfer's lifecycle). Account ids are the merchant's (`test_acc_001` in every sandbox), so the key
 * is (merchant, mode, id).
 */
export class CreateTransferAccounts1767700100000 implements MigrationInterface {
  name = 'CreateTransferAccounts1767700100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ledger"."transfer_accounts" (
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "id" text NOT NULL,
      "currency" text NOT NULL,
      "status" text NOT NULL DEFAULT 'active',
      "description" text,
      "external_reference" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "idempotency_key" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "transfer_accounts_pkey" PRIMARY KEY ("merchant_id", "livemode", "id"),
      CONSTRAINT "transfer_accounts_idempotency_key" UNIQUE ("merchant_id", "livemode", "idempotency_key"),
      CONSTRAINT "transfer_accounts_status_known" CHECK ("status" IN ('active', 'frozen', 'closed')),
      CONSTRAINT "transfer_accounts_currency_lower" CHECK ("currency" ~ '^[a-z]{3}$')
    )`);
    await runner.query(`CREATE INDEX "transfer_accounts_merchant_created_idx" ON "ledger"."transfer_accounts" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE TABLE "ledger"."transfers" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "from_account" text NOT NULL,
      "to_account" text NOT NULL,
      "payment_type" text NOT NULL,
      "amount" bigint NOT NULL,
      "fee" bigint NOT NULL,
      "currency" text NOT NULL,
      "status" text NOT NULL,
      "failure_reason" text,
      "return_code" text,
      "description" text,
      "external_reference" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "idempotency_key" text,
      "settles_at" timestamptz NOT NULL,
      "completed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "transfers_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "transfers_idempotency_key" UNIQUE ("merchant_id", "livemode", "idempotency_key"),
      CONSTRAINT "transfers_from_fkey" FOREIGN KEY ("merchant_id", "livemode", "from_account") REFERENCES "ledger"."transfer_accounts" ("merchant_id", "livemode", "id"),
      CONSTRAINT "transfers_to_fkey" FOREIGN KEY ("merchant_id", "livemode", "to_account") REFERENCES "ledger"."transfer_accounts" ("merchant_id", "livemode", "id"),
      CONSTRAINT "transfers_amount_positive" CHECK ("amount" > 0),
      CONSTRAINT "transfers_fee_nonnegative" CHECK ("fee" >= 0),
      CONSTRAINT "transfers_distinct_accounts" CHECK ("from_account" <> "to_account"),
      CONSTRAINT "transfers_status_known" CHECK ("status" IN ('PENDING', 'COMPLETED', 'FAILED', 'RETURNED')),
      CONSTRAINT "transfers_payment_type_known" CHECK ("payment_type" IN ('RTP', 'ACH_CREDIT', 'ACH_DEBIT', 'WIRE_DOMESTIC', 'WIRE_INTERNATIONAL'))
    )`);
    await runner.query(`CREATE INDEX "transfers_merchant_created_idx" ON "ledger"."transfers" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "transfers_pending_idx" ON "ledger"."transfers" ("settles_at") WHERE "status" = 'PENDING'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ledger"."transfers"`);
    await runner.query(`DROP TABLE "ledger"."transfer_accounts"`);
  }
}
