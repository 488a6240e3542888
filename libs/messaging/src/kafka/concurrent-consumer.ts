import type { Consumer, KafkaMessage } from 'kafkajs';
import { InFlightOffsets } from './in-flight-offsets.js';

export type MessageHandler = (message: KafkaMessage, topic: string) => Promise<void>;

/** What of a kafkajs consumer this needs. */
export type RunnableConsumer = Pick<Consumer, 'on' | 'events' | 'run' | 'stop' | 'commitOffsets'>;

/**
 * Runs a consumer whose messages need no order (requests: each waits for its own reply), handling up to
 * `limit` at once. kafkajs fetches again only when the previous fetch's batches are handled, so a handler
 * awaited message by message serves one request per partition at a time, and a request that waits on
 * another service's reply holds up every request behind it. Here a batch is only dispatched; the fetch
 * position moves on at once, and offsets are committed only past messages whose handling ended.
 */
export class ConcurrentConsumer {
  private readonly offsets = new InFlightOffsets();
  private readonly running = new Set<Promise<void>>();
  private readonly waitingForSlot: Array<() => void> = [];
  private committing: Promise<void> | undefined;
  private commitAgain = false;

  constructor(
    private readonly consumer: RunnableConsumer,
    private readonly onMessage: MessageHandler,
    private readonly limit: number,
    private readonly onError: (error: Error) => void,
  ) {}

  async run(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.offsets.clear());
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) return;
          await this.slot();
          this.offsets.started(batch.topic, batch.partition, message.offset);
          // Fetching resumes from here; what is committed is decided by `offsets`.
          resolveOffset(message.offset);
          this.dispatch(message, batch.topic, batch.partition);
        }
      },
    });
  }

  /** Stops fetching, lets the messages in hand finish (up to `timeoutMs`) and commits their offsets. */
  async stop(timeoutMs: number): Promise<void> {
    await this.consumer.stop();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.running]), timedOut]);
    clearTimeout(timer);
    await this.commit();
  }

  private dispatch(message: KafkaMessage, topic: string, partition: number): void {
    const handled = this.onMessage(message, topic)
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.running.delete(handled);
        this.offsets.finished(topic, partition, message.offset);
        this.waitingForSlot.shift()?.();
        void this.commit();
      });
    this.running.add(handled);
  }

  private async slot(): Promise<void> {
    while (this.running.size >= this.limit) await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
  }

  /** One commit at a time; offsets that move meanwhile go in the next one. */
  private commit(): Promise<void> {
    if (this.committing) {
      this.commitAgain = true;
      return this.committing;
    }
    this.committing = (async () => {
      do {
        this.commitAgain = false;
        const moved = this.offsets.takeCommittable();
        // A commit refused during a rebalance is safe to drop: the group then reads from the older offset.
        if (moved.length > 0) await this.consumer.commitOffsets(moved).catch((error: Error) => this.onError(error));
      } while (this.commitAgain);
    })().finally(() => (this.committing = undefined));
    return this.committing;
  }
}
