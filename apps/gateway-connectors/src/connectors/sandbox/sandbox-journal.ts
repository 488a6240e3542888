import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConnectorSyncResult } from '../../routing/payment-connector.js';

type GatewayAnswer = Extract<ConnectorSyncResult, { status: 'found' }>['answer'];

/** What the sandbox gateway answered to one idempotency key, with the payment it was asked for. */
export interface JournalEntry {
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  answer: GatewayAnswer;
}

/** The key was closed by a sync before the gateway saw the attempt: it is refused for good. */
export type JournalLookup = JournalEntry | 'closed';

/**
 * The sandbox gateway's memory, as Stripe keeps the first answer to an `Idempotency-Key`: the first
 * answer to a key is kept and every later request with that key gets it back; asking about a key the
 * gateway never saw closes it. Whichever of the two comes first wins.
 */
export abstract class SandboxJournal {
  /** Keeps `entry` as the answer to `key` unless the key already has one; returns the answer that stands. */
  abstract remember(key: string, livemode: boolean, entry: JournalEntry): Promise<JournalLookup>;
  /** What the gateway knows of `key`, closing it if it knows nothing yet. */
  abstract lookUpOrClose(key: string, livemode: boolean): Promise<JournalLookup>;
}

/** The journal in the `connectors` schema: the first INSERT of a key wins, in any replica. */
@Injectable()
export class PostgresSandboxJournal extends SandboxJournal {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    super();
  }

  async remember(key: string, livemode: boolean, entry: JournalEntry): Promise<JournalLookup> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO "connectors"."sandbox_journal" ("idempotency_key", "livemode", "amount", "currency", "capture_method", "answer")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT "sandbox_journal_pkey" DO NOTHING RETURNING "idempotency_key"`,
      [key, livemode, entry.amount, entry.currency, entry.captureMethod, JSON.stringify(entry.answer)],
    )) as unknown[];
    if (inserted.length === 1) return entry;
    return (await this.find(key))!;
  }

  async lookUpOrClose(key: string, livemode: boolean): Promise<JournalLookup> {
    await this.dataSource.query(
      `INSERT INTO "connectors"."sandbox_journal" ("idempotency_key", "livemode") VALUES ($1, $2)
       ON CONFLICT ON CONSTRAINT "sandbox_journal_pkey" DO NOTHING`,
      [key, livemode],
    );
    return (await this.find(key))!;
  }

  private async find(key: string): Promise<JournalLookup | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT "amount"::text AS "amount", "currency", "capture_method", "answer" FROM "connectors"."sandbox_journal" WHERE "idempotency_key" = $1`,
      [key],
    )) as Array<{ amount: string | null; currency: string | null; capture_method: 'automatic' | 'manual' | null; answer: GatewayAnswer | null }>;
    if (!row) return undefined;
    if (row.answer === null) return 'closed';
    return { amount: Number(row.amount), currency: row.currency!, captureMethod: row.capture_method!, answer: row.answer };
  }
}
