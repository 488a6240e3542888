import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the gateway charged for a transaction that moved money (Stripe's balance-transaction fee, Razorpay's
 * `fee` with its tax), when it says: both columns or neither. A fee may be in another currency than the
 * transaction's (Stripe charges in the account's settlement currency).
 */
export class RecordGatewayFees1769100000000 implements MigrationInterface {
  name = 'RecordGatewayFees1769100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "gateway_fee_amount" bigint, ADD COLUMN "gateway_fee_currency" text`);
    await runner.query(
      `ALTER TABLE "connectors"."gateway_transactions" ADD CONSTRAINT "CHK_gateway_transactions_fee"
        CHECK (("gateway_fee_amount" IS NULL) = ("gateway_fee_currency" IS NULL) AND ("gateway_fee_amount" IS NULL OR "gateway_fee_amount" >= 0))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP CONSTRAINT "CHK_gateway_transactions_fee"`);
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "gateway_fee_currency", DROP COLUMN "gateway_fee_amount"`);
  }
}
