import { Inject, Injectable } from '@nestjs/common';
import { Topics, type Caller, type CreateTransferParams, type ListResource, type ListTransfersParams, type TransferResource } from '@payrail/contracts';
import { checkAmount, newId, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, type UnitOfWork } from '@payrail/messaging';
import { LEDGER_CLOCK, TRANSFER_SETTLEMENT_OPTIONS, type Clock, type TransferSettlementOptions } from '../config/ledger.config.js';
import { incoming, spendable } from '../journal/journal-entry.js';
import { isBelowFloor, JournalRepository } from '../journal/journal.repository.js';
import { PostingBatcher } from '../journal/posting-batcher.js';
import { toLedgerAccountResource } from '../transfer-accounts/transfer-account.mapper.js';
import type { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';
import { TransferAccountsRepository } from '../transfer-accounts/transfer-accounts.repository.js';
import { checkMetadata, checkText } from '../transfer-accounts/transfer-accounts.service.js';
import { expectedSettlement, isImmediate, transferFee } from './payment-types.js';
import { toTransferResource } from './transfer.mapper.js';
import type { TransferEntity } from './transfer.entity.js';
import { TransfersRepository } from './transfers.repository.js';

/**
 * Transfers between a merchant's ledger accounts. The sender pays amount + fee at creation, in one
 * journal entry: a real-time (RTP) transfer credits the receiver in the same entry and is COMPLETED in
 * the response; ACH and wires credit the receiver's incoming balance (the funds are held) and settle later
 * (TransferSettler). The floor on the sender's spendable account is what finally refuses an overdraft,
 * also between two transfers racing for the same money. Transfers are written in batches (PostingBatcher):
 * a hot account is locked and committed once per batch, not once per transfer.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly transfers: TransfersRepository,
    private readonly accounts: TransferAccountsRepository,
    private readonly journal: JournalRepository,
    private readonly batcher: PostingBatcher,
    @Inject(TRANSFER_SETTLEMENT_OPTIONS) private readonly settlement: TransferSettlementOptions,
    @Inject(LEDGER_CLOCK) private readonly now: Clock,
  ) {}

  async create(caller: Caller, params: CreateTransferParams, idempotencyKey?: string): Promise<TransferResource> {
    if (idempotencyKey) {
      const earlier = await this.transfers.findByIdempotencyKey(caller, idempotencyKey);
      if (earlier) return toTransferResource(earlier);
    }
    if (params.from_account === params.to_account) throw new PayrailError('parameter_invalid', 'from_account and to_account must be different accounts.', { param: 'to_account' });
    const amountViolation = checkAmount(params.amount, params.currency);
    if (amountViolation) throw new PayrailError(amountViolation.code, amountViolation.message, { param: 'amount' });
    checkText(params.description, 'description');
    checkText(params.external_reference, 'external_reference');
    checkMetadata(params.metadata);

    let shortfall: Shortfall | undefined;
    try {
      const transfer = await this.batcher.run(async (unit) => {
        const [from, to] = await this.lockParties(unit, caller, params);
        const currency = from.currency;
        const fee = transferFee(params.payment_type, currency, this.settlement);
        const available = (await this.accounts.balances(caller, [from.id], unit.manager)).get(from.id)!.available;
        shortfall = { account: from.id, requested: params.amount + fee, available, currency };
        if (available < params.amount + fee) throw insufficientFunds(shortfall);
        const now = this.now();
        const immediate = isImmediate(params.payment_type);
        const entity: TransferEntity = {
          id: newId('tr'),
          merchantId: caller.merchantId,
          livemode: caller.livemode,
          fromAccount: from.id,
          toAccount: to.id,
          paymentType: params.payment_type,
          amount: String(params.amount),
          fee: String(fee),
          currency,
          status: immediate ? 'COMPLETED' : 'PENDING',
          failureReason: null,
          returnCode: null,
          description: params.description ?? null,
          externalReference: params.external_reference ?? null,
          metadata: params.metadata ?? {},
          idempotencyKey: idempotencyKey ?? null,
          settlesAt: expectedSettlement(params.payment_type, now, this.settlement),
          completedAt: immediate ? now : null,
          createdAt: now,
        };
        await this.journal.post(unit.manager, {
          owner: caller,
          kind: 'transfer',
          sourceKey: `transfer:${entity.id}`,
          lines: [
            { code: spendable(from.id), currency, amount: -(params.amount + fee), floor: 0 },
            { code: immediate ? spendable(to.id) : incoming(to.id), currency, amount: params.amount, floor: 0 },
            { code: 'transfer_fees', currency, amount: fee },
          ],
        });
        await this.transfers.insert(unit.manager, entity);
        const resource = toTransferResource(entity);
        await unit.publish(Topics.LedgerEvents, newEvent('transaction.created', caller, entity.id, resource));
        if (immediate) await unit.publish(Topics.LedgerEvents, newEvent('transaction.completed', caller, entity.id, resource));
        await this.announceBalances(unit, caller, [from, to]);
        return resource;
      });
      return transfer;
    } catch (error) {
      // Another transfer took the money between the check and the posting: the floor refused this one.
      if (isBelowFloor(error) && shortfall) throw insufficientFunds(shortfall);
      throw error;
    }
  }

  async retrieve(caller: Caller, id: string): Promise<TransferResource> {
    const transfer = await this.transfers.findOwned(caller, id);
    if (!transfer) throw PayrailError.notFound('transfer', id, 'id');
    return toTransferResource(transfer);
  }

  async list(caller: Caller, params: ListTransfersParams): Promise<ListResource<TransferResource>> {
    const page = await this.transfers.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('transfer', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toTransferResource), has_more: page.hasMore, url: '/v1/transfers' };
  }

  /** Both accounts, locked against status changes in a fixed order; both active and in the transfer's currency. */
  private async lockParties(unit: UnitOfWork, caller: Caller, params: CreateTransferParams): Promise<[TransferAccountEntity, TransferAccountEntity]> {
    const ids = [params.from_account, params.to_account].sort();
    const locked = new Map<string, TransferAccountEntity | null>();
    for (const id of ids) locked.set(id, await this.accounts.lockOwned(unit.manager, caller, id));
    const from = locked.get(params.from_account);
    const to = locked.get(params.to_account);
    if (!from) throw PayrailError.notFound('account', params.from_account, 'from_account');
    if (!to) throw PayrailError.notFound('account', params.to_account, 'to_account');
    for (const [account, param] of [[from, 'from_account'], [to, 'to_account']] as const) {
      if (account.status !== 'active') {
        throw new PayrailError('account_status_invalid', `Account ${account.id} is ${account.status}: it can neither send nor receive transfers.`, {
          param,
          details: { details: { account_id: account.id, status: account.status } },
        });
      }
    }
    if (from.currency !== to.currency) throw new PayrailError('parameter_invalid', `Both accounts must hold the same currency (${from.currency}, ${to.currency}).`, { param: 'to_account' });
    if (params.currency !== undefined && normalizeCurrency(params.currency) !== from.currency) {
      throw new PayrailError('parameter_invalid', `The accounts hold ${from.currency}, not ${params.currency}.`, { param: 'currency' });
    }
    return [from, to];
  }

  async announceBalances(unit: UnitOfWork, caller: Caller, accounts: readonly TransferAccountEntity[]): Promise<void> {
    const balances = await this.accounts.balances(caller, accounts.map((account) => account.id), unit.manager);
    for (const account of accounts) {
      await unit.publish(Topics.LedgerEvents, newEvent('account.balance.updated', caller, account.id, toLedgerAccountResource(account, balances.get(account.id))));
    }
  }
}

interface Shortfall {
  account: string;
  requested: number;
  available: number;
  currency: string;
}

function insufficientFunds(shortfall: Shortfall): PayrailError {
  return new PayrailError('insufficient_funds', `Account ${shortfall.account} does not have sufficient funds for this transfer.`, {
    param: 'amount',
    details: { details: { account_id: shortfall.account, requested_amount: shortfall.requested, available_balance: shortfall.available, currency: shortfall.currency } },
  });
}
