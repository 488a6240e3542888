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

/**
 * A BRIN index on the inbox's `handled_at`, for the hourly purge of rows past the inbox retention: without it every
 * pass read the whole inbox (~300 ms per million rows on the embedded Postgres, its one session held meanwhile), most
 * of the time to find nothing old enough. BRIN because rows arrive in `handled_at` order: a few pages of index and next
 * to nothing per insert, where a B-tree would cost every claim a second index write. Added by each service's own
 * migration (IndexInboxHandledAt1769600000000), after its first one made the tables.
 */
export function inboxPurgeIndexUp(schema: string): string[] {
  return [`CREATE INDEX "inbox_handled_at_brin" ON "${schema}"."inbox" USING brin ("handled_at")`];
}

export function inboxPurgeIndexDown(schema: string): string[] {
  return [`DROP INDEX "${schema}"."inbox_handled_at_brin"`];
}

export function messagingTablesDown(schema: string): string[] {
  return [`DROP TABLE "${schema}"."inbox"`, `DROP TABLE "${schema}"."outbox"`];
}

/** A first migration that makes these tables alone in `schema`: for the messaging library's own specs. */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  return class CreateMessagingTables1764000000000 implements MigrationInterface {
    name = 'CreateMessagingTables1764000000000';
    async up(runner: QueryRunner): Promise<void> {
      for (const statement of [...messagingTablesUp(schema), ...inboxPurgeIndexUp(schema)]) await runner.query(statement);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const statement of messagingTablesDown(schema)) await runner.query(statement);
    }
  };
}
