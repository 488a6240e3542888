import type { MessageBroker } from '../broker/message-broker.js';

/** What a service module needs from whoever starts it: its own process, or the all-in-one platform. */
export interface ServiceRuntime {
  broker: MessageBroker;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
}
