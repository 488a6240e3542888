import type { ProducerBatch, RecordMetadata } from 'kafkajs';
import { ProduceBatcher } from './produce-batcher.js';

/** Records each produce request and holds it until the spec lets the broker answer. */
class FakeProducer {
  readonly requests: ProducerBatch[] = [];
  private answers: Array<(error?: Error) => void> = [];

  sendBatch = (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    this.requests.push(batch);
    return new Promise((resolve, reject) => this.answers.push((error) => (error ? reject(error) : resolve([]))));
  };

  answer(error?: Error): void {
    this.answers.shift()!(error);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const message = (value: string) => ({ key: 'k', value });

describe('ProduceBatcher', () => {
  it('sends at once when idle, and everything sent meanwhile in one request, in order, with acks from all replicas', async () => {
    const producer = new FakeProducer();
    const sends = new ProduceBatcher(producer);
    const first = sends.send('replies', [message('r1')]);
    await settle();
    expect(producer.requests).toHaveLength(1);

    const later = [sends.send('events', [message('e1')]), sends.send('replies', [message('r2')]), sends.send('events', [message('e2'), message('e3')])];
    await settle();
    expect(producer.requests).toHaveLength(1);
    producer.answer();
    await first;
    await settle();
    expect(producer.requests).toHaveLength(2);
    expect(producer.requests[1]).toEqual({
      acks: -1,
      topicMessages: [
        { topic: 'events', messages: [message('e1'), message('e2'), message('e3')] },
        { topic: 'replies', messages: [message('r2')] },
      ],
    });
    expect(producer.requests[0].acks).toBe(-1);
    producer.answer();
    await Promise.all(later);
  });

  it('fails every send of a request the broker refused, and sends the next ones', async () => {
    const producer = new FakeProducer();
    const sends = new ProduceBatcher(producer);
    const refused = sends.send('events', [message('e1')]);
    producer.answer(new Error('NOT_ENOUGH_REPLICAS'));
    await expect(refused).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    const next = sends.send('events', [message('e2')]);
    await settle();
    producer.answer();
    await expect(next).resolves.toBeUndefined();
    expect(producer.requests).toHaveLength(2);
  });

  it('tries each send of a refused request on its own, so that a refusal for one topic fails only that topic\'s sends', async () => {
    const producer = new FakeProducer();
    const sends = new ProduceBatcher(producer);
    const first = sends.send('replies', [message('r1')]);
    await settle();
    const batched = [sends.send('new-topic', [message('n1')]), sends.send('replies', [message('r2')])].map((sent) =>
      sent.then(() => 'sent', (error: Error) => error.message),
    );
    producer.answer();
    await first;
    await settle();
    producer.answer(new Error('UNKNOWN_TOPIC_OR_PARTITION'));
    await settle();
    // Again one by one, in the order sent: the new topic's send is refused, the reply is sent.
    expect(producer.requests.slice(2).map((request) => request.topicMessages![0].topic)).toEqual(['new-topic']);
    producer.answer(new Error('UNKNOWN_TOPIC_OR_PARTITION'));
    await settle();
    producer.answer();
    expect(await Promise.all(batched)).toEqual(['UNKNOWN_TOPIC_OR_PARTITION', 'sent']);
    expect(producer.requests.slice(2).map((request) => request.topicMessages)).toEqual([
      [{ topic: 'new-topic', messages: [message('n1')] }],
      [{ topic: 'replies', messages: [message('r2')] }],
    ]);
  });
});
