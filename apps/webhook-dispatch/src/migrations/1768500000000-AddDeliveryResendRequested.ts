import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resend that comes while an attempt is in flight: the attempt's outcome cannot tell whether the
 * receiver saw the event before or after the merchant asked again, so settling it leaves the delivery
 * pending and due at once instead of succeeded or failed.
 */
export class AddDeliveryResendRequested1768500000000 implements MigrationInterface {
  name = 'AddDeliveryResendRequested1768500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."webhook_deliveries" ADD COLUMN "resend_requested" boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."webhook_deliveries" DROP COLUMN "resend_requested"`);
  }
}
