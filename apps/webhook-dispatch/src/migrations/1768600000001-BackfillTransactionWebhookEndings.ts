import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hidden endpoints made before their sessions' endings were recorded on them: how each session ended,
 * read from its recorded event, as the code writes it from now on, so that the sweeper retires them too.
 */
export class BackfillTransactionWebhookEndings1768600000001 implements MigrationInterface {
  name = 'BackfillTransactionWebhookEndings1768600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE "webhooks"."webhook_endpoints" AS we
          SET "transaction" = we."transaction" || jsonb_build_object(
                'ended', CASE WHEN ev."type" = 'checkout.session.completed' THEN 'complete' ELSE 'expired' END,
                'ended_at', to_char(ev."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM "webhooks"."events" AS ev
        WHERE we."transaction" IS NOT NULL AND we."transaction"->>'ended' IS NULL AND we."deleted_at" IS NULL
          AND ev."merchant_id" = we."merchant_id" AND ev."livemode" = we."livemode"
          AND ev."type" IN ('checkout.session.completed', 'checkout.session.expired')
          AND ev."data"->'object'->>'id' = we."transaction"->>'id'`,
    );
  }

  /** Nothing to undo: the keys are ignored by code that does not know them. */
  async down(): Promise<void> {}
}
