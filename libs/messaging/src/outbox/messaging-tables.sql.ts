import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service keeps in its own schema. Each service's first migration
 * creates them, so that the owning app's migrations stay the only place its tables are defined.
 */
export function messagingTablesUp(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."outbox" (
      "id" bigserial NOT NULL,
      "topic" text NOT NULL,
      "message_key" text NOT NULL,
      "payload" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "claimed_until" timestamptz,
      "published_at" timestamptz,
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
    )`,
    `CREATE INDEX "outbox_unpublished_idx" ON "${schema}"."outbox" ("id") WHERE "published_at" IS NULL`,
    `CREATE TABLE "${schema}"."inbox" (
      "consumer" text NOT NULL,
      "message_id" text NOT NULL,
      "handled_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "inbox_pkey" PRIMARY KEY ("consumer", "message_id")
    )`,
  ];
}

export function messagingTablesDown(schema: string): string[] {
  return [`DROP TABLE "${schema}"."inbox"`, `DROP TABLE "${schema}"."outbox"`];
}

/** A first migration that makes these tables alone in `schema`: for the messaging library's own specs. */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  return class CreateMessagingTables1764000000000 implements MigrationInterface {
    name = 'CreateMessagingTables1764000000000';
    async up(runner: QueryRunner): Promise<void> {
      for (const statement of messagingTablesUp(schema)) await runner.query(statement);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const statement of messagingTablesDown(schema)) await runner.query(statement);
    }
  };
}
