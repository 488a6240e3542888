import { InProcessBroker } from '../in-process/in-process.broker.js';
import { KafkaBroker } from '../kafka/kafka.broker.js';
import type { MessageBroker } from './message-broker.js';

/** Kafka when `KAFKA_BROKERS` is set, the in-process broker otherwise; `namespace` prefixes Kafka topics and groups. */
export function createBroker(service: string, kafkaBrokers: string | undefined, namespace?: string): MessageBroker {
  if (!kafkaBrokers) return new InProcessBroker();
  return new KafkaBroker({ service, namespace, brokers: kafkaBrokers.split(',').map((broker) => broker.trim()).filter(Boolean) });
}
