import { Injectable } from '@nestjs/common';
import type { Caller, CreateTransferParams, ListResource, ListTransfersParams, TransferResource } from '@payrail/contracts';
import { checkAmount } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { UnitOfWork } from '@payrail/messaging';
import type { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';
import { checkMetadata, checkText } from '../transfer-accounts/transfer-accounts.service.js';
import { toTransferResource } from './transfer.mapper.js';
import { TransferWriter } from './transfer-writer.js';
import { TransfersRepository } from './transfers.repository.js';

/**
 * Transfers between a merchant's ledger accounts. The sender pays amount + fee at creation, in one
 * journal entry: a real-time (RTP) transfer credits the receiver in the same entry and is COMPLETED in
 * the response; ACH and wires credit the receiver's incoming balance (the funds are held) and settle later
 * (TransferSettler). The floor on the sender's spendable account is what finally refuses an overdraft,
 * also between two transfers racing for the same money. Transfers are written in batches (TransferWriter):
 * a hot account is locked, updated and committed once per batch, not once per transfer.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly transfers: TransfersRepository,
    private readonly writer: TransferWriter,
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

    return this.writer.write({ caller, params, idempotencyKey });
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

  announceBalances(unit: UnitOfWork, caller: Caller, accounts: readonly TransferAccountEntity[]): Promise<void> {
    return this.writer.announceBalances(unit, caller, accounts);
  }
}
