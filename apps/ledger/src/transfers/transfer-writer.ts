import { Inject, Injectable } from '@nestjs/common';
import { Topics, type Caller, type CreateTransferParams, type TransferResource } from '@payrail/contracts';
import { newId, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, requestContext, TransactionalOutbox, type RequestContext, type UnitOfWork } from '@payrail/messaging';
import { GroupCommitQueue } from '@payrail/persistence';
import type { EntityManager } from 'typeorm';
import { LEDGER_CLOCK, TRANSFER_SETTLEMENT_OPTIONS, type Clock, type TransferSettlementOptions } from '../config/ledger.config.js';
import { incoming, spendable, type LedgerAccountCode, type LedgerOwner, type NewJournalEntry } from '../journal/journal-entry.js';
import { accountKey, JournalRepository, type LockedAccount } from '../journal/journal.repository.js';
import { toLedgerAccountResource } from '../transfer-accounts/transfer-account.mapper.js';
import type { TransferAccountEntity } from '../transfer-accounts/transfer-account.entity.js';
import { TransferAccountsRepository } from '../transfer-accounts/transfer-accounts.repository.js';
import { lockPartiesAndAccounts, type PartyKey } from './batch-locks.js';
import { expectedSettlement, isImmediate, transferFee } from './payment-types.js';
import { toTransferResource } from './transfer.mapper.js';
import type { TransferEntity } from './transfer.entity.js';
import { TransfersRepository } from './transfers.repository.js';

export interface TransferRequest {
  caller: Caller;
  params: CreateTransferParams;
  idempotencyKey?: string;
}

interface Queued {
  request: TransferRequest;
  /** The request's own context: a batch runs in its first request's, and each transfer's events carry their own request id. */
  context: RequestContext | undefined;
  resolve: (resource: TransferResource) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; resource: TransferResource } | { ok: false; error: unknown };

const MAX_BATCH = 500;
const MAX_KNOWN_PARTIES = 100_000;

const partyKey = (merchantId: string, livemode: boolean, id: string) => `${merchantId}:${livemode}:${id}`;

/** The ledger accounts a transfer account's transfers post to or announce: its spendable and incoming balances, and its currency's fee account. */
function ledgerAccountsOf(account: PartyKey & { currency: string }): Array<{ owner: LedgerOwner; code: LedgerAccountCode; currency: string; floor: number | null }> {
  const owner = { merchantId: account.merchantId, livemode: account.livemode };
  return [
    { owner, code: spendable(account.id), currency: account.currency, floor: 0 },
    { owner, code: incoming(account.id), currency: account.currency, floor: 0 },
    { owner, code: 'transfer_fees', currency: account.currency, floor: null },
  ];
}

/**
 * Group commit of transfers, set-based: the transfers waiting while a batch commits are the next batch,
 * written in ONE transaction by a fixed number of statements whatever their number (lock the parties and
 * read their balances, locked, in one; then the entries, postings, transfers and events together). Funds are checked
 * here, in arrival order, against balances locked for the transaction, each transfer seeing the ones
 * before it; a transfer that does not fit is refused alone (422 with its details) and the others commit.
 * The floor on each spendable account stays Postgres's last word: should the batch fail for a reason its
 * checks did not foresee, each of its transfers is written again on its own, so none fails another.
 * A hot account's balance row is thus locked, updated and committed once per batch, not once per transfer.
 */
@Injectable()
export class TransferWriter {
  private readonly queue = new GroupCommitQueue<Queued>((batch) => this.runBatch(batch), { maxBatch: MAX_BATCH });
  /**
   * Transfer accounts (by partyKey) whose ledger accounts a committed batch made, with their currency (fixed
   * when an account opens): ledger accounts are never deleted, so later batches lock them in one statement.
   */
  private readonly knownParties = new Map<string, string>();

  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly journal: JournalRepository,
    private readonly transfers: TransfersRepository,
    private readonly accounts: TransferAccountsRepository,
    @Inject(TRANSFER_SETTLEMENT_OPTIONS) private readonly settlement: TransferSettlementOptions,
    @Inject(LEDGER_CLOCK) private readonly now: Clock,
  ) {}

  /** Resolves once the transfer's batch has committed; rejects with the transfer's own error. */
  write(request: TransferRequest): Promise<TransferResource> {
    return new Promise<TransferResource>((resolve, reject) => {
      this.queue.push({ request, context: requestContext.current(), resolve, reject });
    });
  }

  /** Publishes each account's balances as they are now in this transaction: one event per account. */
  async announceBalances(unit: UnitOfWork, caller: Caller, accounts: readonly TransferAccountEntity[]): Promise<void> {
    const balances = await this.accounts.balances(caller, accounts.map((account) => account.id), unit.manager);
    for (const account of accounts) {
      await unit.publish(Topics.LedgerEvents, newEvent('account.balance.updated', caller, account.id, toLedgerAccountResource(account, balances.get(account.id))));
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      const written = await this.outbox.run((unit) => this.writeBatch(unit, batch));
      // Bounded: past the cap the map starts again, and the next batches make sure of their accounts once more.
      if (this.knownParties.size > MAX_KNOWN_PARTIES) this.knownParties.clear();
      for (const account of written.known) this.knownParties.set(partyKey(account.merchantId, account.livemode, account.id), account.currency);
      outcomes = written.outcomes;
    } catch (error) {
      if (batch.length > 1) {
        for (const item of batch) await this.runBatch([item]);
        return;
      }
      outcomes = [await this.madeMeanwhile(batch[0].request, error)];
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) item.resolve(outcome.resource);
      else item.reject(outcome.error);
    });
  }

  /** A lone transfer that failed: the one made under its idempotency key meanwhile (another replica's), else its error. */
  private async madeMeanwhile({ caller, idempotencyKey }: TransferRequest, error: unknown): Promise<Outcome> {
    // The batch's queue settles every transfer through here: a lookup that fails too answers the first error.
    const earlier = idempotencyKey ? await this.transfers.findByIdempotencyKey(caller, idempotencyKey).catch(() => null) : null;
    return earlier ? { ok: true, resource: toTransferResource(earlier) } : { ok: false, error };
  }

  /**
   * The batch in as few round trips as its checks allow — the transaction holds the hot balance (and,
   * embedded, the one database session) across each: the parties and their balances locked (one statement
   * once the parties are known), then the entries, postings, transfers and events in one statement at the
   * end of the unit. Answers each transfer's outcome and the parties known once it commits.
   */
  private async writeBatch(unit: UnitOfWork, batch: readonly Queued[]): Promise<{ outcomes: Outcome[]; known: TransferAccountEntity[] }> {
    const requests = batch.map((item) => item.request);
    const outcomes: Outcome[] = [];
    const keyed = requests.flatMap(({ caller, idempotencyKey }) => (idempotencyKey ? [{ ...caller, key: idempotencyKey }] : []));
    const earlier = new Map((await this.transfers.findByIdempotencyKeys(unit.manager, keyed)).map((t) => [partyKey(t.merchantId, t.livemode, t.idempotencyKey!), t]));
    const firstUnderKey = new Map<string, number>();
    const { parties: found, accounts: locked, known } = await this.lock(unit.manager, requests.flatMap(({ caller, params }) => [{ ...caller, id: params.from_account }, { ...caller, id: params.to_account }]));
    const parties = new Map(found.map((account) => [partyKey(account.merchantId, account.livemode, account.id), account]));
    const party = (caller: Caller, id: string) => parties.get(partyKey(caller.merchantId, caller.livemode, id));
    const balances = new Map([...locked].map(([key, account]) => [key, account.balance]));
    const entities: Array<TransferEntity & { context: RequestContext | undefined }> = [];
    const entries: NewJournalEntry[] = [];
    const announced = new Map<string, { caller: Caller; account: TransferAccountEntity; context: RequestContext | undefined }>();

    for (const [index, { caller, params, idempotencyKey }] of requests.entries()) {
      const key = idempotencyKey === undefined ? undefined : partyKey(caller.merchantId, caller.livemode, idempotencyKey);
      if (key !== undefined) {
        const made = earlier.get(key);
        if (made) {
          outcomes.push({ ok: true, resource: toTransferResource(made) });
          continue;
        }
        const first = firstUnderKey.get(key);
        if (first !== undefined) {
          outcomes.push(outcomes[first]);
          continue;
        }
        firstUnderKey.set(key, index);
      }
      try {
        const [from, to] = checkParties(params, party(caller, params.from_account), party(caller, params.to_account));
        const currency = from.currency;
        const fee = transferFee(params.payment_type, currency, this.settlement);
        const immediate = isImmediate(params.payment_type);
        const paying = accountKey(caller, spendable(from.id), currency);
        const receiving = accountKey(caller, immediate ? spendable(to.id) : incoming(to.id), currency);
        const available = balances.get(paying) ?? 0;
        if (available < params.amount + fee) throw insufficientFunds({ account: from.id, requested: params.amount + fee, available, currency });
        balances.set(paying, available - params.amount - fee);
        balances.set(receiving, (balances.get(receiving) ?? 0) + params.amount);
        const entity = this.newTransfer(caller, params, idempotencyKey, from, to, fee);
        entities.push({ ...entity, context: batch[index].context });
        entries.push({
          owner: caller,
          kind: 'transfer',
          sourceKey: `transfer:${entity.id}`,
          lines: [
            { code: spendable(from.id), currency, amount: -(params.amount + fee), floor: 0 },
            { code: immediate ? spendable(to.id) : incoming(to.id), currency, amount: params.amount, floor: 0 },
            { code: 'transfer_fees', currency, amount: fee },
          ],
        });
        for (const account of [from, to]) announced.set(partyKey(caller.merchantId, caller.livemode, account.id), { caller, account, context: batch[index].context });
        outcomes.push({ ok: true, resource: toTransferResource(entity) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }

    this.journal.postNewAtEnd(unit, entries, locked);
    this.transfers.insertAtEnd(unit, entities.map(({ context: _context, ...entity }) => entity));
    for (const { context, ...entity } of entities) {
      const [owner, resource] = [{ merchantId: entity.merchantId, livemode: entity.livemode }, toTransferResource(entity)];
      await requestContext.runIn(context, () => unit.publish(Topics.LedgerEvents, newEvent('transaction.created', owner, entity.id, resource)));
      if (entity.status === 'COMPLETED') await requestContext.runIn(context, () => unit.publish(Topics.LedgerEvents, newEvent('transaction.completed', owner, entity.id, resource)));
    }
    // Each account's balances once per batch, as they stand after it (in the context of the last request that
    // moved it): a hot account is announced once, not once per transfer. Computed here, from the balances
    // locked and what the batch moved: nothing else can move them before the commit.
    for (const { caller, account, context } of announced.values()) {
      const of = (code: LedgerAccountCode) => balances.get(accountKey(caller, code, account.currency)) ?? 0;
      const resource = toLedgerAccountResource(account, { available: of(spendable(account.id)), pending: of(incoming(account.id)) });
      await requestContext.runIn(context, () => unit.publish(Topics.LedgerEvents, newEvent('account.balance.updated', caller, account.id, resource)));
    }
    return { outcomes, known };
  }

  /**
   * Locks the batch's parties, then every ledger account of theirs (spendable, incoming, and the fee account of
   * their currency), in id order. A batch whose parties are all known — their ledger accounts made by an
   * earlier batch — does it in one statement; any other makes their accounts first where missing (before any
   * balance is locked: a writer waiting for another's new account must not hold locks the other waits for).
   * Answers the parties found, the accounts by accountKey, and the parties known once this commits.
   */
  private async lock(manager: EntityManager, keys: PartyKey[]): Promise<{ parties: TransferAccountEntity[]; accounts: Map<string, LockedAccount>; known: TransferAccountEntity[] }> {
    const currencies = keys.map((key) => this.knownParties.get(partyKey(key.merchantId, key.livemode, key.id)));
    if (currencies.every((currency) => currency !== undefined)) {
      const accounts = keys.flatMap((key, index) => ledgerAccountsOf({ ...key, currency: currencies[index]! }));
      return { ...(await lockPartiesAndAccounts(manager, keys, accounts)), known: [] };
    }
    const parties = await this.accounts.lockMany(manager, keys);
    const accounts = parties.flatMap(ledgerAccountsOf);
    await this.journal.ensureAccounts(manager, accounts);
    return { parties, accounts: await this.journal.lockBalances(manager, accounts), known: parties };
  }

  private newTransfer(caller: Caller, params: CreateTransferParams, idempotencyKey: string | undefined, from: TransferAccountEntity, to: TransferAccountEntity, fee: number): TransferEntity {
    const now = this.now();
    const immediate = isImmediate(params.payment_type);
    return {
      id: newId('tr'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      fromAccount: from.id,
      toAccount: to.id,
      paymentType: params.payment_type,
      amount: String(params.amount),
      fee: String(fee),
      currency: from.currency,
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
  }
}


/** Both accounts found, active and in the transfer's currency; else the error the caller hears. */
function checkParties(params: CreateTransferParams, from: TransferAccountEntity | undefined, to: TransferAccountEntity | undefined): [TransferAccountEntity, TransferAccountEntity] {
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
