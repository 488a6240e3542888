import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { MessageBroker } from '../broker/message-broker.js';
import { Inbox } from '../inbox/inbox.js';
import { MessageClient } from '../message-client.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { TransactionalOutbox } from '../outbox/transactional-outbox.js';
import { MESSAGE_BROKER, OUTBOX_RELAY_ENABLED, SERVICE_NAME } from '../tokens.js';

@Global()
@Module({})
export class MessagingModule {
  /** The transport client only: for the edge, which keeps no database. */
  static forClient(options: { service: string; broker: MessageBroker }): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGE_BROKER, useValue: options.broker },
        { provide: SERVICE_NAME, useValue: options.service },
        MessageClient,
      ],
      exports: [MESSAGE_BROKER, SERVICE_NAME, MessageClient],
    };
  }

  /**
   * Client plus the transactional outbox, its relay and the inbox: needs the DatabaseModule. With
   * `outboxRelay: false` nothing is published, as if the process died after every commit (crash tests).
   */
  static forService(options: { service: string; broker: MessageBroker; outboxRelay?: boolean }): DynamicModule {
    const client = MessagingModule.forClient(options);
    return {
      ...client,
      providers: [
        ...(client.providers ?? []),
        { provide: OUTBOX_RELAY_ENABLED, useValue: options.outboxRelay ?? true },
        OutboxRelay,
        TransactionalOutbox,
        Inbox,
      ],
      exports: [...(client.exports ?? []), TransactionalOutbox, Inbox, OutboxRelay],
    };
  }
}
