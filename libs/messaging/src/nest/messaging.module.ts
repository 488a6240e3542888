import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { MessageBroker } from '../broker/message-broker.js';
import { HandledInboxPurger } from '../inbox/handled-inbox.purger.js';
import { Inbox } from '../inbox/inbox.js';
import { MessageClient } from '../message-client.js';
import { PayrailMetrics, ServiceMetrics } from '../metrics/payrail-metrics.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { PublishedOutboxPurger } from '../outbox/published-outbox.purger.js';
import { TransactionalOutbox } from '../outbox/transactional-outbox.js';
import { MESSAGE_BROKER, OUTBOX_RELAY_ENABLED, SERVICE_NAME } from '../tokens.js';

@Global()
@Module({})
export class MessagingModule {
  /** The transport client only: for the edge, which keeps no database. */
  /** `metrics`: the process's registry (a private one when none is given, as in specs that build one module). */
  static forClient(options: { service: string; broker: MessageBroker; metrics?: PayrailMetrics }): DynamicModule {
    const metrics = options.metrics ?? new PayrailMetrics();
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGE_BROKER, useValue: options.broker },
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: PayrailMetrics, useValue: metrics },
        { provide: ServiceMetrics, useValue: metrics.forService(options.service) },
        MessageClient,
      ],
      exports: [MESSAGE_BROKER, SERVICE_NAME, PayrailMetrics, ServiceMetrics, MessageClient],
    };
  }

  /**
   * Client plus the transactional outbox, its relay and the inbox: needs the DatabaseModule. With
   * `outboxRelay: false` nothing is published, as if the process died after every commit (crash tests).
   */
  static forService(options: { service: string; broker: MessageBroker; outboxRelay?: boolean; metrics?: PayrailMetrics }): DynamicModule {
    const client = MessagingModule.forClient(options);
    return {
      ...client,
      providers: [
        ...(client.providers ?? []),
        { provide: OUTBOX_RELAY_ENABLED, useValue: options.outboxRelay ?? true },
        OutboxRelay,
        TransactionalOutbox,
        Inbox,
        PublishedOutboxPurger,
        HandledInboxPurger,
      ],
      exports: [...(client.exports ?? []), TransactionalOutbox, Inbox, OutboxRelay],
    };
  }
}
