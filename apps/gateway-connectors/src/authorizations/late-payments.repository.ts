import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, IsNull } from 'typeorm';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';

/** Reads the gateway transaction log for payments made at a gateway's checkout after their intent stopped waiting. */
@Injectable()
export class LatePaymentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The intent's authorisations that sent the customer to the gateway's checkout (Razorpay's orders), oldest first. */
  checkoutAuthorizations(caller: Caller, paymentIntentId: string, connector: string): Promise<GatewayTransactionEntity[]> {
    return this.dataSource.manager.find(GatewayTransactionEntity, {
      where: { sourceId: paymentIntentId, merchantId: caller.merchantId, livemode: caller.livemode, connector, kind: 'authorization', outcome: 'requires_action', parentId: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** A checkout authorisation by id, as the watch on its order names it. */
  checkoutAuthorization(id: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayTransactionEntity, { id, kind: 'authorization' });
  }

  /** The completion of a checkout authorisation that Payrail took as the intent's payment, if any. */
  succeededCompletion(authorizationId: string): Promise<GatewayTransactionEntity | null> {
    return this.dataSource.manager.findOneBy(GatewayTransactionEntity, { parentId: authorizationId, kind: 'authorization', outcome: 'succeeded' });
  }
}
