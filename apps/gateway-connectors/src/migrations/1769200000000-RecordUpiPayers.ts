import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An authorisation the customer paid (or tried to pay) by UPI keeps the payer's VPA as the gateway showed it
 * (`{"vpa": …}`, the vpa possibly null), so that every replay and sync of it tells payments the same.
 */
export class RecordUpiPayers1769200000000 implements MigrationInterface {
  name = 'RecordUpiPayers1769200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "upi" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "upi"`);
  }
}
