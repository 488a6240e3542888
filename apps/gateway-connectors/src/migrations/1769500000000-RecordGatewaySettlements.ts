import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the gateway settled a transaction it converted (Stripe's balance transaction on an account settling in
 * another currency): the settled gross, in minor units of the fee's currency, and the rate, exact (`numeric`,
 * never a float). Both or neither, and only beside a fee. Rows recorded before this have neither.
 */
export class RecordGatewaySettlements1769500000000 implements MigrationInterface {
  name = 'RecordGatewaySettlements1769500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "gateway_settled_amount" bigint, ADD COLUMN "gateway_exchange_rate" numeric`);
    await runner.query(
      `ALTER TABLE "connectors"."gateway_transactions" ADD CONSTRAINT "CHK_gateway_transactions_settlement"
        CHECK (("gateway_settled_amount" IS NULL) = ("gateway_exchange_rate" IS NULL)
          AND ("gateway_settled_amount" IS NULL OR ("gateway_fee_amount" IS NOT NULL AND "gateway_settled_amount" >= 0 AND "gateway_exchange_rate" > 0)))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP CONSTRAINT "CHK_gateway_transactions_settlement"`);
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "gateway_exchange_rate", DROP COLUMN "gateway_settled_amount"`);
  }
}
