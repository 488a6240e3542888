import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A charge paid by UPI shows the payer's VPA (`payment_method_details.upi`, Stripe's shape); null for other methods. */
export class RecordChargeUpi1769200000000 implements MigrationInterface {
  name = 'RecordChargeUpi1769200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" ADD COLUMN "upi" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" DROP COLUMN "upi"`);
  }
}
