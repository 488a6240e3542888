import { Injectable } from '@nestjs/common';
import { TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';

interface Pending<R> {
  work: (unit: UnitOfWork) => Promise<R>;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Group commit for postings that all touch a hot account (every transfer from one treasury account, say):
 * the work waiting while a batch commits runs as the next batch, in ONE database transaction, each item
 * inside its own savepoint. One transaction per batch rather than per posting means the hot balance row
 * is locked, and the commit flushed, once per batch. An item that fails (a floor refused it, its account
 * is frozen) is rolled back to its savepoint alone; its deferred checks (the entry's zero sum) are run at
 * its own end with SET CONSTRAINTS ALL IMMEDIATE, so no item can make its whole batch fail at COMMIT.
 * Callers hear of their item only after the batch has committed.
 */
@Injectable()
export class PostingBatcher {
  private queue: Pending<unknown>[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly outbox: TransactionalOutbox) {}

  run<R>(work: (unit: UnitOfWork) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve, reject } as Pending<unknown>);
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.runBatch(batch);
      }
    } finally {
      this.flushing = undefined;
      // Work queued while the last batch committed but after the loop's check.
      if (this.queue.length > 0) this.flushing = this.flush();
    }
  }

  private async runBatch(batch: Pending<unknown>[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.outbox.run(async (unit) => {
        for (const [index, item] of batch.entries()) {
          const savepoint = `posting_${index}`;
          await unit.manager.query(`SAVEPOINT ${savepoint}`);
          try {
            const value = await item.work(unit);
            await unit.manager.query('SET CONSTRAINTS ALL IMMEDIATE');
            await unit.manager.query('SET CONSTRAINTS ALL DEFERRED');
            await unit.manager.query(`RELEASE SAVEPOINT ${savepoint}`);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await unit.manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
