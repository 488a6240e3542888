import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An operator may suspend a merchant: every credential of it is refused until it is resumed. */
export class AddMerchantSuspension1767300000000 implements MigrationInterface {
  name = 'AddMerchantSuspension1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "auth"."merchants" ADD COLUMN "suspended_at" timestamptz, ADD COLUMN "suspension_reason" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "auth"."merchants" DROP COLUMN "suspension_reason", DROP COLUMN "suspended_at"`);
  }
}
