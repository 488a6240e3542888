import type { INestMicroservice } from '@nestjs/common';
import { ServiceNames, Topics, type Caller, type ChargeResource, type ConnectorsEvent, type PaymentsEvent, type RefundsEvent } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService } from '@payrail/messaging';
import { openTestDatabase } from '@payrail/testing';
import { LedgerModule } from '../../ledger.module.js';

/** An event as the platform's services publish it, for the ledger to consume. */
export function envelope<T extends string, O>(type: T, owner: Caller, object: O, aggregateId: string) {
  return { id: newId('evt'), type, aggregateId, merchantId: owner.merchantId, livemode: owner.livemode, occurredAt: Math.floor(Date.now() / 1000), requestId: null, idempotencyKey: null, data: { object } };
}

/** A captured charge of 100.00 in `currency`, as payments publishes it. */
export function capturedCharge(currency: string): ChargeResource {
  return {
    id: newId('ch'), object: 'charge', amount: 10_000, amount_captured: 10_000, amount_refunded: 0, captured: true, paid: true, refunded: false, disputed: false,
    currency, status: 'succeeded', payment_intent: newId('pi'), payment_method: 'pm_card_visa', created: 0, livemode: false, metadata: {},
    failure_code: null, failure_message: null, outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: '', type: 'authorized' },
    payment_method_details: null, customer: null, description: null, receipt_email: null, receipt_number: null, receipt_url: null, statement_descriptor: null, balance_transaction: null, gateway: null,
  };
}

/** The ledger alone on an in-process bus over its own database; each publish resolves once the ledger handled the events. */
export interface LedgerOnBus {
  app: INestMicroservice;
  broker: InProcessBroker;
  connectors(...events: unknown[]): Promise<void>;
  payments(...events: unknown[]): Promise<void>;
  refunds(...events: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

/** Started on the spec's environment with the settlement sweeper idle (an hour between passes), so that charges stay pending. */
export async function startLedgerOnBus(environment: NodeJS.ProcessEnv): Promise<LedgerOnBus> {
  const database = await openTestDatabase();
  const broker = new InProcessBroker();
  const env = { ...environment, PAYRAIL_SETTLEMENT_INTERVAL_MS: '3600000' };
  const app = await startService({ service: ServiceNames.Ledger, module: LedgerModule.forRoot({ broker, databaseUrl: database.url, env }), broker });
  const batch = <E>(events: unknown[]) => events.map((event) => ({ key: 'k', data: event as E, headers: {} }));
  return {
    app,
    broker,
    connectors: (...events) => broker.publish(Topics.ConnectorsEvents, batch<ConnectorsEvent>(events)),
    payments: (...events) => broker.publish(Topics.PaymentsEvents, batch<PaymentsEvent>(events)),
    refunds: (...events) => broker.publish(Topics.RefundsEvents, batch<RefundsEvent>(events)),
    async stop() {
      await app.close();
      await broker.close();
      await database.stop();
    },
  };
}
