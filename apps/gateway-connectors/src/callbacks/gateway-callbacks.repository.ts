import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { GatewayAccountEntity } from '../gateway-accounts/gateway-account.entity.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { GatewayCallbackEntity } from './gateway-callback.entity.js';

@Injectable()
export class GatewayCallbacksRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Any account by id, deleted ones included: a gateway still calls back about payments an account took. */
  findAccount(id: string): Promise<GatewayAccountEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayAccountEntity, { id });
  }

  /**
   * The payment-side transaction (authorisation, capture or void: their source is the payment intent)
   * that went through `account` and that the gateway knows by one of `references`; the oldest first.
   */
  findPaymentTransaction(account: GatewayAccountEntity, references: readonly string[]): Promise<GatewayTransactionEntity | null> {
    if (references.length === 0) return Promise.resolve(null);
    return this.dataSource.manager.findOne(GatewayTransactionEntity, {
      where: {
        merchantId: account.merchantId,
        livemode: account.livemode,
        gatewayAccountId: account.id,
        gatewayReference: In([...references]),
        kind: In(['authorization', 'capture', 'void']),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The callback this receiver recorded for a gateway event, if any. */
  findByEvent(receiver: string, gatewayEventId: string): Promise<GatewayCallbackEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayCallbackEntity, { receiver, gatewayEventId });
  }

  /** The STK callbacks this account received about a payment intent since `since`, the oldest first. */
  findStkCallbacks(accountId: string, paymentIntentId: string, since: Date): Promise<GatewayCallbackEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(GatewayCallbackEntity, 'gcb')
      .where(`gcb.receiver = :accountId AND gcb.gateway = 'mpesa' AND gcb.payment_intent_id = :paymentIntentId AND gcb.gateway_event_id LIKE 'stk:%' AND gcb.received_at >= :since`, {
        accountId,
        paymentIntentId,
        since,
      })
      .orderBy('gcb.received_at', 'ASC')
      .getMany();
  }

  /** Records the callback unless its event was recorded before for the same receiver; returns whether it did. */
  async insertIfAbsent(manager: EntityManager, callback: GatewayCallbackEntity): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(GatewayCallbackEntity).values(callback).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }
}
