/**
 * The queue of a group commit: what is pushed while a batch commits is the next batch, handed to `commit`
 * (at most `maxBatch` at a time, in the order pushed). Batches never overlap. `commit` settles each item
 * itself (items carry their own resolve/reject) and must not throw.
 */
export class GroupCommitQueue<T> {
  private queue: T[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly commit: (batch: T[]) => Promise<void>,
    private readonly options: {
      maxBatch: number;
      /**
       * Wait a turn of the event loop before the first batch: items handed over together (a transport's batch)
       * reach `push` over a few microtasks, and would otherwise be split into a batch of one and the rest.
       */
      gatherFirst?: boolean;
    },
  ) {}

  push(item: T): void {
    this.queue.push(item);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    if (this.options.gatherFirst) await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.options.maxBatch));
    } finally {
      this.flushing = undefined;
      // Items pushed while the last batch committed but after the loop's check.
      if (this.queue.length > 0) this.flushing = this.flush();
    }
  }
}
