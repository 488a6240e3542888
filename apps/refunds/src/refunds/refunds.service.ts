import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type Caller,
  type ChargeForRefundResult,
  type CreateRefundParams,
  type ListRefundsParams,
  type ListResource,
  type RefundPaymentResult,
  type RefundResource,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { checkCreateRefund, type CheckedCreateRefund } from './create-refund.params.js';
import { RefundEntity } from './refund.entity.js';
import { toRefundResource } from './refund.mapper.js';
import { refundAmountFor } from './refundable-amount.js';
import { RefundsRepository, type RefundChange } from './refunds.repository.js';

/** How long a refund stays bound to the idempotency key it was created under: the edge keeps keys as long. */
const KEY_WINDOW_HOURS = 24;

/** Errors after which the connector may or may not have refunded: only asking it again can tell. */
const INDETERMINATE_ERRORS: ReadonlySet<string> = new Set(['upstream_timeout', 'internal_error']);

@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    private readonly refunds: RefundsRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
  ) {}

  /**
   * Three steps, so that no transaction waits on another service: reserve the amount (a pending refund,
   * under a per-charge lock), ask the connector, then record its answer with the events it causes.
   * Under an idempotency key the refund is made once: a retry (whose first attempt's reply was lost, or
   * that raced it) gets the refund the key made as it is now; the reconciler settles one left pending.
   */
  async create(caller: Caller, params: CreateRefundParams, idempotencyKey?: string): Promise<RefundResource> {
    const request = checkCreateRefund(params);
    const keyed = idempotencyKey === undefined ? undefined : { key: idempotencyKey, request: requestDigest(request) };
    if (keyed) {
      const earlier = await this.refunds.findByIdempotencyKey(caller, keyed.key, KEY_WINDOW_HOURS);
      if (earlier) return replay(earlier, keyed);
    }
    const charge = await this.client.send(Patterns.ChargeForRefund, { caller, params: request.target });
    const reserved = await this.reserve(caller, charge, request, keyed);
    if (reserved.kind === 'replayed') return replay(reserved.refund, keyed!);
    const pending = reserved.refund;

    let result: RefundPaymentResult;
    try {
      result = await this.client.send(Patterns.ConnectorRefund, {
        caller,
        params: {
          refundId: pending.id,
          connector: pending.connector,
          gatewayReference: pending.chargeGatewayReference,
          amount: Number(pending.amount),
          currency: pending.currency,
        },
      });
    } catch (error) {
      if (!(error instanceof PayrailError) || INDETERMINATE_ERRORS.has(error.code)) {
        // No answer (a timeout, or a failure on the way back): the gateway may have refunded. The
        // refund stays pending and keeps its amount reserved; the RefundReconciler asks the connector
        // again with the same refund id, which it answers idempotently.
        this.logger.warn(`Refund ${pending.id} left pending: the connector gave no definite answer (${describe(error)})`);
        return toRefundResource(pending);
      }
      this.logger.warn(`Refund ${pending.id} failed: the connector refused it (${error.code})`);
      return this.settle(caller, pending, { kind: 'failed', gatewayReference: null, failureReason: 'unknown' });
    }
    return this.settle(caller, pending, changeFor(result));
  }

  /**
   * Asks the connector again about a pending refund and records its answer as a live one is; returns
   * why the refund stays pending, or null once it is settled.
   */
  async reconcile(caller: Caller, pending: RefundEntity): Promise<string | null> {
    let result: RefundPaymentResult;
    try {
      result = await this.client.send(Patterns.ConnectorRefundSync, {
        caller,
        params: {
          refundId: pending.id,
          connector: pending.connector,
          gatewayReference: pending.chargeGatewayReference,
          amount: Number(pending.amount),
          currency: pending.currency,
        },
      });
    } catch (error) {
      return `the connector gave no definite answer (${describe(error)})`;
    }
    const refund = await this.settle(caller, pending, changeFor(result));
    return refund.status === 'pending' ? 'the gateway has not settled the refund yet' : null;
  }

  async retrieve(caller: Caller, id: string): Promise<RefundResource> {
    const refund = await this.refunds.findOwned(caller, id);
    if (!refund) throw PayrailError.notFound('refund', id, 'id');
    return toRefundResource(refund);
  }

  async list(caller: Caller, params: ListRefundsParams): Promise<ListResource<RefundResource>> {
    const page = await this.refunds.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('refund', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toRefundResource), has_more: page.hasMore, url: '/v1/refunds' };
  }

  private reserve(caller: Caller, charge: ChargeForRefundResult, request: CheckedCreateRefund, keyed: KeyedRequest | undefined): Promise<Reservation> {
    return this.outbox.run(async ({ manager, publish }): Promise<Reservation> => {
      await this.refunds.lockCharge(manager, charge.chargeId);
      // A same-charge racer under this key has committed by now (the lock): its refund, not a second one.
      const earlier = keyed && (await this.refunds.findByIdempotencyKey(caller, keyed.key, KEY_WINDOW_HOURS, manager));
      if (earlier) return { kind: 'replayed', refund: earlier };
      const amountReserved = await this.refunds.reservedAmount(manager, caller, charge.chargeId);
      const amount = refundAmountFor(
        { chargeId: charge.chargeId, currency: charge.currency, amountCaptured: charge.amountCaptured, amountReserved },
        request.amount,
      );
      const now = new Date();
      const refund = Object.assign(new RefundEntity(), {
        id: newId('re'),
        merchantId: caller.merchantId,
        livemode: caller.livemode,
        chargeId: charge.chargeId,
        paymentIntentId: charge.paymentIntentId,
        amount: String(amount),
        currency: charge.currency,
        status: 'pending',
        reason: request.reason,
        failureReason: null,
        metadata: request.metadata,
        connector: charge.connector,
        chargeGatewayReference: charge.gatewayReference,
        gatewayReference: null,
        reconciliationAttempts: 0,
        reconciliationNextAt: null,
        reconciliationLastError: null,
        reconciliation: null,
        idempotencyKey: keyed?.key ?? null,
        idempotencyRequest: keyed?.request ?? null,
        createdAt: now,
        updatedAt: now,
      } satisfies RefundEntity);
      if (!keyed) await this.refunds.insert(manager, refund);
      else if (!(await this.refunds.insertKeyed(manager, { ...refund, idempotencyKey: keyed.key }, KEY_WINDOW_HOURS))) {
        // Another charge's refund took the key meanwhile: insert-or-select, never a second refund.
        return { kind: 'replayed', refund: (await this.refunds.findByIdempotencyKey(caller, keyed.key, KEY_WINDOW_HOURS, manager))! };
      }
      await publish(Topics.RefundsEvents, newEvent('refund.created', caller, refund.id, toRefundResource(refund)));
      return { kind: 'reserved', refund };
    });
  }

  private settle(caller: Caller, pending: RefundEntity, change: RefundChange): Promise<RefundResource> {
    return this.outbox.run(async ({ manager, publish }) => {
      const applied = await this.refunds.apply(manager, caller, pending.id, change);
      const refund = toRefundResource((await this.refunds.findOwned(caller, pending.id, manager))!);
      if (!applied || change.kind === 'accepted') return refund;
      const previous: Partial<RefundResource> = { status: pending.status };
      if (refund.failure_reason !== pending.failureReason) previous.failure_reason = pending.failureReason;
      await publish(Topics.RefundsEvents, newEvent('refund.updated', caller, refund.id, refund, previous));
      if (refund.status === 'failed') await publish(Topics.RefundsEvents, newEvent('refund.failed', caller, refund.id, refund));
      return refund;
    });
  }
}

interface KeyedRequest {
  key: string;
  /** requestDigest of the request that came with the key. */
  request: string;
}

/** What reserving did: a new pending refund, or the one an earlier request made under the same key. */
type Reservation = { kind: 'reserved'; refund: RefundEntity } | { kind: 'replayed'; refund: RefundEntity };

/** The parameters a retry must repeat to be the same refund, in a canonical form (metadata keys sorted). */
function requestDigest(request: CheckedCreateRefund): string {
  const metadata = Object.fromEntries(Object.entries(request.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const canonical = JSON.stringify([request.target.charge ?? null, request.target.payment_intent ?? null, request.amount ?? null, request.reason, metadata]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The refund made under the key, refused as Stripe does when the retry asks for something else. */
function replay(earlier: RefundEntity, keyed: KeyedRequest): RefundResource {
  if (earlier.idempotencyRequest !== keyed.request) {
    throw new PayrailError(
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${keyed.key}' if you meant to execute a different request.`,
    );
  }
  return toRefundResource(earlier);
}

function changeFor(result: RefundPaymentResult): RefundChange {
  switch (result.status) {
    case 'succeeded':
      return { kind: 'succeeded', gatewayReference: result.gatewayReference };
    case 'failed':
      return { kind: 'failed', gatewayReference: result.gatewayReference, failureReason: result.failureReason ?? 'unknown' };
    case 'pending':
      return { kind: 'accepted', gatewayReference: result.gatewayReference };
  }
}

function describe(error: unknown): string {
  return error instanceof PayrailError ? error.code : error instanceof Error ? error.name : typeof error;
}
