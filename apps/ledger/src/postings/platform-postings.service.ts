import { Inject, Injectable } from '@nestjs/common';
import type { ChargeResource, DisputeResource, PaymentsEvent, RefundResource, RefundsEvent } from '@payrail/contracts';
import { balanceTransactionIdOf, newId } from '@payrail/domain';
import { Inbox, type UnitOfWork } from '@payrail/messaging';
import { BalanceTransactionEntity } from '../balance-transactions/balance-transaction.entity.js';
import { BalanceTransactionsRepository } from '../balance-transactions/balance-transactions.repository.js';
import { SETTLEMENT_OPTIONS, type SettlementOptions } from '../config/ledger.config.js';
import { LEDGER_ACCOUNT_CODES as Codes, type LedgerOwner, type PostingLine } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { PricingPlansRepository } from '../pricing/pricing-plans.repository.js';
import { feeFor } from '../pricing/pricing-plan.js';

const CONSUMER = 'ledger.platform-postings';

interface Movement {
  owner: LedgerOwner;
  kind: BalanceTransactionEntity['type'];
  category: BalanceTransactionEntity['reportingCategory'];
  /** The charge, refund or dispute: each is recorded once, whichever event (or redelivery) brings it. */
  source: string;
  sourceKey: string;
  currency: string;
  /** Gross, signed from the merchant's side. */
  amount: number;
  fee: number;
  description: string | null;
  /** Into pending (until `available_on`) or straight into available. */
  pending: boolean;
  /** The balance transaction's id when the source names it in advance (a charge's `balance_transaction`). */
  transactionId?: string;
}

/**
 * Money the rest of the platform moved, put on the books: every event through the inbox (a redelivered
 * event changes nothing), and every charge, refund and dispute under its own source key (two events about
 * one charge — `charge.succeeded` then `charge.captured` — post it once).
 */
@Injectable()
export class PlatformPostingsService {
  constructor(
    private readonly inbox: Inbox,
    private readonly journal: JournalRepository,
    private readonly transactions: BalanceTransactionsRepository,
    private readonly pricing: PricingPlansRepository,
    @Inject(SETTLEMENT_OPTIONS) private readonly settlement: SettlementOptions,
  ) {}

  async onEvent(event: PaymentsEvent | RefundsEvent): Promise<void> {
    const owner = { merchantId: event.merchantId, livemode: event.livemode };
    switch (event.type) {
      case 'charge.succeeded':
      case 'charge.captured':
        return this.handle(event.id, (unit) => this.charge(unit, owner, event.data.object as ChargeResource, new Date(event.occurredAt * 1000)));
      case 'refund.created':
      case 'refund.updated':
        return this.handle(event.id, (unit) => this.refund(unit, owner, event.data.object as RefundResource));
      case 'charge.dispute.created':
      case 'charge.dispute.closed':
        return this.handle(event.id, (unit) => this.dispute(unit, owner, event.data.object as DisputeResource));
      default:
        return;
    }
  }

  private async handle(eventId: string, work: (unit: UnitOfWork) => Promise<void>): Promise<void> {
    await this.inbox.handleOnce(CONSUMER, eventId, work);
  }

  /** Priced by the plan in force when it succeeded (`succeededAt`, the event's time), however late it is booked. */
  private async charge(unit: UnitOfWork, owner: LedgerOwner, charge: ChargeResource, succeededAt: Date): Promise<void> {
    // An authorisation moves no money: the charge is booked when captured, for what was captured.
    if (charge.status !== 'succeeded' || !charge.captured || charge.amount_captured <= 0) return;
    const method = charge.payment_method_details?.type ?? 'card';
    const fee = feeFor(await this.pricing.priceAt(unit.manager, owner, method, charge.currency, succeededAt), charge.amount_captured);
    await this.record(unit, {
      owner,
      kind: 'charge',
      category: 'charge',
      source: charge.id,
      sourceKey: `charge:${charge.id}`,
      transactionId: balanceTransactionIdOf(charge.id),
      currency: charge.currency,
      amount: charge.amount_captured,
      fee,
      description: charge.description,
      pending: true,
    });
  }

  private async refund(unit: UnitOfWork, owner: LedgerOwner, refund: RefundResource): Promise<void> {
    if (refund.status !== 'succeeded') return;
    await this.record(unit, {
      owner,
      kind: 'refund',
      category: 'refund',
      source: refund.id,
      sourceKey: `refund:${refund.id}`,
      currency: refund.currency,
      amount: -refund.amount,
      fee: 0,
      description: 'REFUND FOR CHARGE',
      pending: false,
    });
  }

  /** A dispute takes the disputed amount at once; a won dispute gives it back. */
  private async dispute(unit: UnitOfWork, owner: LedgerOwner, dispute: DisputeResource): Promise<void> {
    // An inquiry (`warning_*`) is no chargeback yet: no money leaves.
    if (dispute.status.startsWith('warning_')) return;
    const withdrawal = { owner, kind: 'adjustment' as const, currency: dispute.currency, fee: 0, pending: false, source: dispute.id };
    await this.record(unit, { ...withdrawal, category: 'dispute', sourceKey: `dispute:${dispute.id}`, amount: -dispute.amount, description: `Chargeback withdrawal for ${dispute.charge}` });
    if (dispute.status === 'won') {
      await this.record(unit, { ...withdrawal, category: 'dispute_reversal', sourceKey: `dispute_won:${dispute.id}`, amount: dispute.amount, description: `Chargeback reversal for ${dispute.charge}` });
    }
  }

  /**
   * The journal entry: the gateway clearing account gives the gross, the merchant gets the net (pending or
   * available) and the platform's fee account the fee. Then the merchant's balance transaction.
   */
  private async record(unit: UnitOfWork, movement: Movement): Promise<void> {
    const net = movement.amount - movement.fee;
    const lines: PostingLine[] = [
      { code: Codes.GatewayClearing, currency: movement.currency, amount: -movement.amount },
      { code: movement.pending ? Codes.MerchantPending : Codes.MerchantAvailable, currency: movement.currency, amount: net },
      { code: Codes.ProcessingFees, currency: movement.currency, amount: movement.fee },
    ];
    const entry = await this.journal.post(unit.manager, { owner: movement.owner, kind: movement.category, sourceKey: movement.sourceKey, lines });
    if (!entry) return;
    const now = new Date();
    await this.transactions.insert(unit.manager, {
      id: movement.transactionId ?? newId('txn'),
      merchantId: movement.owner.merchantId,
      livemode: movement.owner.livemode,
      entryId: entry.id,
      type: movement.kind,
      reportingCategory: movement.category,
      source: movement.source,
      amount: String(movement.amount),
      fee: String(movement.fee),
      net: String(net),
      currency: movement.currency,
      status: movement.pending ? 'pending' : 'available',
      availableOn: movement.pending ? new Date(now.getTime() + this.settlement.payoutDelayMs) : now,
      description: movement.description,
      createdAt: now,
    });
  }
}
