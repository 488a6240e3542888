import { Injectable } from '@nestjs/common';
import type { ConnectorsEvent, GatewayCallbackReceived, GatewayFee, GatewayTransactionRecorded } from '@payrail/contracts';
import { Inbox } from '@payrail/messaging';
import type { LedgerOwner, NewJournalEntry } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { disputeBalanceEntries } from './dispute-balance-entries.js';
import { gatewayCostEntries } from './gateway-cost-entries.js';

const CONSUMER = 'ledger.gateway-costs';

/**
 * Transactions whose fee is a cost of money that moved, and refunds (whose conversion by the gateway is
 * followed into its settlement currency); a decline or a void costs nothing here.
 */
const BOOKED_KINDS = new Set(['authorization', 'capture', 'refund']);

/**
 * What the gateways charged the platform, and where a gateway that converts keeps the money, booked from the
 * connectors' events (through the inbox, once per event; each entry's source key once more, whichever event
 * brings it): from `gateway.transaction.recorded`, a charge's fee against the gateway's cost account and a
 * converted charge or refund into the gateway's settlement currency at its rate (see gatewayCostEntries); from
 * a dispute's `gateway.callback.received`, its movements of the gateway's balance and the gateway's dispute fee
 * (see disputeBalanceEntries). The merchant's balance and balance transactions do not change: the merchant
 * pays its pricing plan, whatever the gateway cost, in the charge's currency.
 */
@Injectable()
export class GatewayCostsService {
  constructor(
    private readonly inbox: Inbox,
    private readonly journal: JournalRepository,
  ) {}

  async onEvent(event: ConnectorsEvent): Promise<void> {
    const owner = { merchantId: event.merchantId, livemode: event.livemode };
    const entries = event.type === 'gateway.transaction.recorded' ? transactionEntries(owner, event.data.object) : callbackEntries(owner, event.data.object);
    if (entries.length === 0) return;
    await this.inbox.handleOnce(CONSUMER, event.id, async ({ manager }) => {
      await this.journal.postMany(manager, entries);
    });
  }
}

function transactionEntries(owner: LedgerOwner, transaction: GatewayTransactionRecorded): NewJournalEntry[] {
  const fee = transaction.gatewayFee;
  if (!fee || !isMinorUnits(fee) || !BOOKED_KINDS.has(transaction.kind) || transaction.outcome !== 'succeeded') return [];
  return gatewayCostEntries(owner, transaction, fee);
}

function callbackEntries(owner: LedgerOwner, callback: GatewayCallbackReceived): NewJournalEntry[] {
  const outcome = callback.outcome;
  if (outcome.kind !== 'dispute' || !outcome.balanceTransactions?.length) return [];
  return disputeBalanceEntries(owner, { gateway: callback.gateway, amount: outcome.amount, currency: outcome.currency, balanceTransactions: outcome.balanceTransactions });
}

function isMinorUnits(fee: GatewayFee): boolean {
  return Number.isSafeInteger(fee.amount) && fee.amount >= 0;
}
