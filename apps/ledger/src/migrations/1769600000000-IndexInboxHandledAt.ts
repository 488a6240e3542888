import { inboxPurgeIndexDown, inboxPurgeIndexUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox purge's index (see inboxPurgeIndexUp): the hourly pass finds expired rows without reading the whole inbox. */
export class IndexInboxHandledAt1769600000000 implements MigrationInterface {
  name = 'IndexInboxHandledAt1769600000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of inboxPurgeIndexUp('ledger')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of inboxPurgeIndexDown('ledger')) await runner.query(statement);
  }
}
