import type { ConsumerRunConfig, EachBatchPayload, KafkaMessage, TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { ConcurrentConsumer, type RunnableConsumer } from './concurrent-consumer.js';

/** Hands batches to `eachBatch` as kafkajs does, and records what is committed. */
class FakeConsumer implements RunnableConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join' } as RunnableConsumer['events'];
  readonly commits: TopicPartitionOffsetAndMetadata[][] = [];
  readonly resolved: string[] = [];
  private config: ConsumerRunConfig | undefined;

  on: RunnableConsumer['on'] = () => () => undefined;
  run = async (config?: ConsumerRunConfig): Promise<void> => {
    this.config = config;
  };
  stop = async (): Promise<void> => undefined;
  commitOffsets = async (offsets: TopicPartitionOffsetAndMetadata[]): Promise<void> => {
    this.commits.push(offsets);
  };

  async deliver(partition: number, offsets: string[]): Promise<void> {
    const messages = offsets.map((offset) => ({ offset, value: Buffer.from(offset) }) as KafkaMessage);
    const payload = {
      batch: { topic: 'requests', partition, messages },
      resolveOffset: (offset: string) => this.resolved.push(offset),
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload;
    await this.config!.eachBatch!(payload);
  }

  lastCommitted(): string | undefined {
    return this.commits.at(-1)?.[0]?.offset;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrentConsumer', () => {
  it('answers a request while an earlier one of the same partition is still being handled', async () => {
    const consumer = new FakeConsumer();
    const slow = deferred();
    const answered: string[] = [];
    const requests = new ConcurrentConsumer(consumer, async (message) => {
      if (message.offset === '10') await slow.promise;
      answered.push(message.offset);
    }, 8, (error) => { throw error; });
    await requests.run();

    await consumer.deliver(0, ['10', '11', '12']);
    await settle();
    expect(answered).toEqual(['11', '12']);
    // The fetch position moved past all three, but nothing is committed past the request in hand.
    expect(consumer.resolved).toEqual(['10', '11', '12']);
    expect(consumer.commits.every((offsets) => offsets.every((o) => BigInt(o.offset) <= 10n))).toBe(true);

    slow.resolve();
    await settle();
    await settle();
    expect(answered).toEqual(['11', '12', '10']);
    expect(consumer.lastCommitted()).toBe('13');
  });

  it('holds the batch back once `limit` messages are in hand, and resumes as they finish', async () => {
    const consumer = new FakeConsumer();
    const gates = [deferred(), deferred(), deferred()];
    const started: string[] = [];
    const requests = new ConcurrentConsumer(consumer, async (message) => {
      started.push(message.offset);
      await gates[Number(message.offset)].promise;
    }, 2, (error) => { throw error; });
    await requests.run();

    const delivered = consumer.deliver(0, ['0', '1', '2']);
    await settle();
    expect(started).toEqual(['0', '1']);
    gates[1].resolve();
    await delivered;
    expect(started).toEqual(['0', '1', '2']);
    gates[0].resolve();
    gates[2].resolve();
    await requests.stop(1000);
    expect(consumer.lastCommitted()).toBe('3');
  });
});
