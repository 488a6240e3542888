import { Injectable } from '@nestjs/common';
import type { Caller, CreateLedgerAccountParams, LedgerAccountResource, ListLedgerAccountsParams, ListResource, UpdateLedgerAccountParams } from '@payrail/contracts';
import { isKnownCurrency, newId, normalizeCurrency, validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { TransactionalOutbox } from '@payrail/messaging';
import type { EntityManager } from 'typeorm';
import { incoming, spendable, type LedgerOwner } from '../journal/journal-entry.js';
import { JournalRepository } from '../journal/journal.repository.js';
import { toLedgerAccountResource } from './transfer-account.mapper.js';
import type { TransferAccountEntity } from './transfer-account.entity.js';
import { TransferAccountsRepository } from './transfer-accounts.repository.js';

const MAX_TEXT = 500;

@Injectable()
export class TransferAccountsService {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly accounts: TransferAccountsRepository,
    private readonly journal: JournalRepository,
  ) {}

  async create(caller: Caller, params: CreateLedgerAccountParams, idempotencyKey?: string): Promise<LedgerAccountResource> {
    if (!isKnownCurrency(params.currency)) throw new PayrailError('parameter_invalid', `Invalid currency: ${params.currency}.`, { param: 'currency' });
    checkText(params.description, 'description');
    checkText(params.external_reference, 'external_reference');
    checkMetadata(params.metadata);
    const account: TransferAccountEntity = {
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      id: newId('acc'),
      currency: normalizeCurrency(params.currency),
      status: 'active',
      description: params.description ?? null,
      externalReference: params.external_reference ?? null,
      metadata: params.metadata ?? {},
      idempotencyKey: idempotencyKey ?? null,
      createdAt: new Date(),
    };
    const id = await this.outbox.run(async ({ manager }) => {
      if (!(await this.open(manager, account))) return (await this.accounts.findByIdempotencyKey(caller, idempotencyKey!, manager))!.id;
      return account.id;
    });
    return this.retrieve(caller, id);
  }

  /** The account and its two ledger accounts (spendable, floored at zero; incoming); false when its key was used. */
  async open(manager: EntityManager, account: TransferAccountEntity): Promise<boolean> {
    if (!(await this.accounts.insert(manager, account))) return false;
    const owner: LedgerOwner = { merchantId: account.merchantId, livemode: account.livemode };
    await this.journal.accountId(manager, owner, spendable(account.id), account.currency, 0);
    await this.journal.accountId(manager, owner, incoming(account.id), account.currency, 0);
    return true;
  }

  async retrieve(caller: Caller, id: string, manager?: EntityManager): Promise<LedgerAccountResource> {
    const found = await this.accounts.findOwnedWithBalances(caller, id, manager);
    if (!found) throw PayrailError.notFound('account', id, 'id');
    return toLedgerAccountResource(found.account, found.balances);
  }

  async update(caller: Caller, params: UpdateLedgerAccountParams): Promise<LedgerAccountResource> {
    checkText(params.description, 'description');
    checkMetadata(params.metadata);
    await this.outbox.run(async ({ manager }) => {
      const account = await this.accounts.lockOwned(manager, caller, params.id);
      if (!account) throw PayrailError.notFound('account', params.id, 'id');
      if (params.status !== undefined && params.status !== account.status) {
        if (account.status === 'closed') throw new PayrailError('account_status_invalid', `Account ${account.id} is closed; a closed account cannot be reopened.`, { param: 'status' });
        const balances = (await this.accounts.balances(caller, [account.id], manager)).get(account.id)!;
        if (params.status === 'closed' && (balances.available !== 0 || balances.pending !== 0)) {
          throw new PayrailError('account_status_invalid', `Account ${account.id} still holds money; move it out before closing the account.`, { param: 'status' });
        }
      }
      await this.accounts.update(manager, caller, account.id, {
        ...(params.status !== undefined ? { status: params.status } : {}),
        ...(params.description !== undefined ? { description: params.description } : {}),
        ...(params.metadata !== undefined ? { metadata: { ...account.metadata, ...params.metadata } } : {}),
      });
    });
    return this.retrieve(caller, params.id);
  }

  async list(caller: Caller, params: ListLedgerAccountsParams): Promise<ListResource<LedgerAccountResource>> {
    const page = await this.accounts.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('account', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    const balances = await this.accounts.balances(caller, page.data.map((account) => account.id));
    return { object: 'list', data: page.data.map((account) => toLedgerAccountResource(account, balances.get(account.id))), has_more: page.hasMore, url: '/v1/accounts' };
  }
}

export function checkText(value: string | undefined, param: string): void {
  if (value !== undefined && (value.length > MAX_TEXT || value.includes('\u0000'))) {
    throw new PayrailError('parameter_invalid', `${param} must be at most ${MAX_TEXT} characters, without NUL characters.`, { param });
  }
}

export function checkMetadata(metadata: Record<string, string> | undefined): void {
  if (metadata === undefined) return;
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}
