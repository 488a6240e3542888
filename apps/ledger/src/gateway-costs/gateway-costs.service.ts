import { Injectable } from '@nestjs/common';
import type { ConnectorsEvent } from '@payrail/contracts';
import { Inbox } from '@payrail/messaging';
import { JournalRepository } from '../journal/journal.repository.js';
import { gatewayCostEntries } from './gateway-cost-entries.js';

const CONSUMER = 'ledger.gateway-costs';

/** Transactions whose fee is a cost of money that moved; a decline or a void costs nothing here. */
const COSTED_KINDS = new Set(['authorization', 'capture']);

/**
 * What the gateways charged the platform, booked from the connectors' `gateway.transaction.recorded` events
 * (through the inbox, once per gateway transaction; each entry's source key once more): the fee against the
 * gateway's cost account, and a fee charged in another currency than the transaction's after the gateway's
 * conversion at its rate (see gatewayCostEntries). The merchant's balance and balance transactions do not
 * change: the merchant pays its pricing plan, whatever the gateway cost.
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
    if (!fee || fee.amount < 0 || !Number.isSafeInteger(fee.amount) || !COSTED_KINDS.has(transaction.kind) || transaction.outcome !== 'succeeded') return;
    const entries = gatewayCostEntries({ merchantId: event.merchantId, livemode: event.livemode }, transaction, fee);
    if (entries.length === 0) return;
    await this.inbox.handleOnce(CONSUMER, event.id, async ({ manager }) => {
      await this.journal.postMany(manager, entries);
    });
  }
}
