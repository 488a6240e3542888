import type { Message, Producer, TopicMessages } from 'kafkajs';

interface QueuedSend {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One produce request at a time per process: what is sent while one is in flight leaves together, in
 * one request, when it returns. Nothing waits when the bus is quiet; under load each request carries
 * every reply, request and event that came meanwhile, rather than one produce round trip each (kafkajs
 * has no linger of its own). Every message is still acknowledged by all in-sync replicas (acks=-1)
 * before its `send` resolves, and messages of one topic keep the order in which they were sent.
 */
export class ProduceBatcher {
  private queue: QueuedSend[] = [];
  private flushing = false;

  constructor(private readonly producer: Pick<Producer, 'sendBatch'>) {}

  send(topic: string, messages: Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const sends = this.queue;
      this.queue = [];
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: byTopic(sends) });
        for (const send of sends) send.resolve();
      } catch (error) {
        if (sends.length === 1) sends[0].reject(error as Error);
        else await this.oneByOne(sends);
      }
    }
    this.flushing = false;
  }

  /**
   * A refused request may be refused for one topic only (one being created, say): each send is tried again on
   * its own, in order, so that it fails only the sends it concerns, as when every send had its own request.
   */
  private async oneByOne(sends: QueuedSend[]): Promise<void> {
    for (const send of sends) {
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: [{ topic: send.topic, messages: send.messages }] });
        send.resolve();
      } catch (error) {
        send.reject(error as Error);
      }
    }
  }
}

function byTopic(sends: QueuedSend[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const { topic, messages } of sends) {
    const list = topics.get(topic);
    if (list) list.push(...messages);
    else topics.set(topic, [...messages]);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
