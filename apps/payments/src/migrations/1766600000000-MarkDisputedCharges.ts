import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A charge shows `disputed: true` once a cardholder disputes it. */
export class MarkDisputedCharges1766600000000 implements MigrationInterface {
  name = 'MarkDisputedCharges1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" ADD COLUMN "disputed" boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."charges" DROP COLUMN "disputed"`);
  }
}
