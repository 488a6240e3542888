import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A `requires_action` authorisation at a gateway that hosts 3-D Secure (Stripe) keeps the URL the customer is sent to, for replays. */
export class RecordAuthenticationRedirects1767500000000 implements MigrationInterface {
  name = 'RecordAuthenticationRedirects1767500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "redirect_url" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "redirect_url"`);
  }
}
