import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A `requires_action` authorisation the customer finishes at the gateway keeps what to do there (Stripe's 3-D Secure URL, Razorpay's Checkout order), for replays. */
export class RecordAuthenticationRedirects1767500000000 implements MigrationInterface {
  name = 'RecordAuthenticationRedirects1767500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" ADD COLUMN "customer_action" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP COLUMN "customer_action"`);
  }
}
