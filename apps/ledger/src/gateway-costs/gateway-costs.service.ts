import { Injectable } from '@nestjs/common';
import type { ConnectorsEvent } from '@payrail/contracts';
import { Inbox } from '@payrail/messaging';
import { gatewayCosts, LEDGER_ACCOUNT_CODES } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';

const CONSUMER = 'ledger.gateway-costs';

/** Transactions whose fee is a cost of money that moved; a decline or a void costs nothing here. */
const COSTED_KINDS = new Set(['authorization', 'capture']);

/**
 * What the gateways charged the platform, booked from the connectors' `gateway.transaction.recorded` events
 * (through the inbox, once per gateway transaction): the fee leaves the gateway clearing account (the gateway
 * settles gross less its fee) into the platform's cost account for that gateway. The merchant's balance and
 * balance transactions do not change: the merchant pays its pricing plan, whatever the gateway cost.
 */
@Injectable()
export class GatewayCostsService {
  constructor(
    private readonly inbox: Inbox,
    private readonly journal: JournalRepository,
  ) {}

  async onEvent(event: ConnectorsEvent): Promise<void> {
    if (event.type !== 'gateway.transaction.recorded') return;
    const transaction = event.data.object;
    const fee = transaction.gatewayFee;
    if (!fee || fee.amount <= 0 || !Number.isSafeInteger(fee.amount) || !COSTED_KINDS.has(transaction.kind) || transaction.outcome !== 'succeeded') return;
    const owner = { merchantId: event.merchantId, livemode: event.livemode };
    const currency = fee.currency.toLowerCase();
    await this.inbox.handleOnce(CONSUMER, event.id, async ({ manager }) => {
      await this.journal.post(manager, {
        owner,
        kind: 'gateway_cost',
        sourceKey: `gateway_cost:${transaction.connector}:${transaction.gatewayTransactionId}`,
        lines: [
          { code: gatewayCosts(transaction.connector), currency, amount: -fee.amount },
          { code: LEDGER_ACCOUNT_CODES.GatewayClearing, currency, amount: fee.amount },
        ],
      });
    });
  }
}
