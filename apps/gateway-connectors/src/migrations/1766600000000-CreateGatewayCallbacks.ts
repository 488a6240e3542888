import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Verified gateway callbacks, unique per receiving account and gateway event id, so a replay changes nothing. */
export class CreateGatewayCallbacks1766600000000 implements MigrationInterface {
  name = 'CreateGatewayCallbacks1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "connectors"."gateway_callbacks" (
      "id" text NOT NULL,
      "receiver" text NOT NULL,
      "gateway" text NOT NULL,
      "gateway_event_id" text NOT NULL,
      "event_type" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "payment_intent_id" text,
      "outcome" jsonb,
      "received_at" timestamptz NOT NULL,
      CONSTRAINT "gateway_callbacks_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "gateway_callbacks_event_key" UNIQUE ("receiver", "gateway_event_id")
    )`);
    await runner.query(
      `CREATE INDEX "gateway_transactions_reference_idx" ON "connectors"."gateway_transactions" ("gateway_reference") WHERE "gateway_reference" IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "connectors"."gateway_transactions_reference_idx"`);
    await runner.query(`DROP TABLE "connectors"."gateway_callbacks"`);
  }
}
