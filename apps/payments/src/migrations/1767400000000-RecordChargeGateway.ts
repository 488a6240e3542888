import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A charge shows which gateway account took it and every account tried (`gateway` on the Charge object). */
export class RecordChargeGateway1767400000000 implements MigrationInterface {
  name = 'RecordChargeGateway1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" ADD COLUMN "gateway" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" DROP COLUMN "gateway"`);
  }
}
