import { Inject, Injectable } from '@nestjs/common';
import type { Caller, LastPaymentError, ListPaymentIntentsParams, PaymentIntentNextAction } from '@payrail/contracts';
import { PAYMENT_INTENT_MOVES, type PaymentIntentStatus } from '@payrail/domain';
import { applyCreatedRange, keysetPage, type Page } from '@payrail/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { PaymentIntentEntity, type InFlightStep } from './payment-intent.entity.js';

/** What a confirmation, capture or void put aside when it claimed the intent, to restore if the gateway refuses. */
export type ClaimedState = Pick<
  PaymentIntentEntity,
  'status' | 'paymentMethod' | 'returnUrl' | 'nextAction' | 'authenticationToken' | 'pendingAuthorization' | 'lastPaymentError'
>;

/** Fields an update may set; `status` only moves to `requires_confirmation` (see planUpdate). */
export type PaymentIntentPatch = Partial<
  Pick<
    PaymentIntentEntity,
    | 'amount'
    | 'currency'
    | 'customer'
    | 'description'
    | 'metadata'
    | 'paymentMethod'
    | 'receiptEmail'
    | 'statementDescriptor'
    | 'captureMethod'
    | 'status'
    | 'nextAction'
    | 'authenticationToken'
    | 'pendingAuthorization'
  >
>;

/**
 * The only changes a payment intent can undergo after creation. Each is a conditional UPDATE guarded
 * by the statuses its move starts from (PAYMENT_INTENT_MOVES), so of two concurrent confirmations,
 * captures or cancels only one updates the row; the loser gets `false`.
 */
export type PaymentIntentChange =
  | { kind: 'confirming'; paymentMethod: string; returnUrl: string | null; confirmationKey: string | null }
  | { kind: 'attempt_lost'; inFlight: InFlightStep; to: 'requires_confirmation' | 'requires_payment_method'; error: LastPaymentError | null }
  | { kind: 'confirmation_abandoned'; restore: ClaimedState }
  | { kind: 'requires_action'; nextAction: PaymentIntentNextAction; token: string; pendingAuthorization: string }
  /** The gateway took the payment and waits for the customer (M-Pesa's prompt): still `processing`, now with what to show. */
  | { kind: 'awaiting_customer'; nextAction: PaymentIntentNextAction; pendingAuthorization: string }
  | { kind: 'authorized'; chargeId: string; captured: boolean; amount: string }
  | { kind: 'declined'; chargeId: string | null; error: LastPaymentError }
  | { kind: 'authenticating'; token: string }
  | { kind: 'authentication_abandoned'; token: string }
  | { kind: 'capturing'; amount: string }
  | { kind: 'captured'; amountReceived: string; metadata?: Record<string, string> }
  | { kind: 'capture_abandoned' }
  | { kind: 'voiding'; reason: string | null }
  | { kind: 'void_abandoned' }
  | { kind: 'canceled'; reason: string | null; voided: boolean }
  | { kind: 'updated'; from: readonly PaymentIntentStatus[]; patch: PaymentIntentPatch };

const cleared = { nextAction: null, authenticationToken: null, pendingAuthorization: null };
// Every move out of `processing` sets `inFlight: null`: the gateway call it waited for is over.


@Injectable()
export class PaymentIntentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, intent: PaymentIntentEntity): Promise<void> {
    await manager.insert(PaymentIntentEntity, intent);
  }

  /**
   * Inserts an intent created under an idempotency key unless the merchant already has one under that
   * key; returns whether it did. A key older than `windowHours` is given up first, as the edge forgets
   * keys after a day and a merchant may then use it again.
   */
  async insertKeyed(manager: EntityManager, intent: PaymentIntentEntity & { idempotencyKey: string }, windowHours: number): Promise<boolean> {
    await manager.query(
      `UPDATE "payments"."payment_intents" SET "idempotency_key" = NULL
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "idempotency_key" = $3 AND "created_at" <= now() - $4::integer * interval '1 hour'`,
      [intent.merchantId, intent.livemode, intent.idempotencyKey, windowHours],
    );
    const result = await manager.createQueryBuilder().insert().into(PaymentIntentEntity).values(intent).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  findByIdempotencyKey(caller: Caller, idempotencyKey: string, manager: EntityManager = this.dataSource.manager): Promise<PaymentIntentEntity | null> {
    return manager.findOneBy(PaymentIntentEntity, { merchantId: caller.merchantId, livemode: caller.livemode, idempotencyKey });
  }

  findOwned(caller: Caller, id: string, manager: EntityManager = this.dataSource.manager): Promise<PaymentIntentEntity | null> {
    return manager.findOneBy(PaymentIntentEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** Reads and locks the row until the transaction ends, for read-modify-write changes such as a metadata merge. */
  lockOwned(manager: EntityManager, caller: Caller, id: string): Promise<PaymentIntentEntity | null> {
    return manager.findOne(PaymentIntentEntity, {
      where: { id, merchantId: caller.merchantId, livemode: caller.livemode },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Unscoped on purpose: for the 3D Secure page, whose token (checked by the caller) is the credential. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PaymentIntentEntity | null> {
    return manager.findOneBy(PaymentIntentEntity, { id });
  }

  async apply(manager: EntityManager, id: string, change: PaymentIntentChange): Promise<boolean> {
    const query = manager.createQueryBuilder().update(PaymentIntentEntity).where('id = :id', { id });
    const now = new Date();
    const from = (statuses: readonly PaymentIntentStatus[]) => query.andWhere('status IN (:...from)', { from: statuses });
    switch (change.kind) {
      case 'confirming':
        query.set({
          status: 'processing',
          paymentMethod: change.paymentMethod,
          returnUrl: change.returnUrl,
          lastPaymentError: null,
          ...cleared,
          attempts: () => 'attempts + 1',
          confirmationKey: change.confirmationKey,
          inFlight: () => `jsonb_build_object('step', 'authorization', 'attempt', attempts + 1)`,
          updatedAt: now,
        });
        from(PAYMENT_INTENT_MOVES.beginConfirmation.from);
        break;
      case 'attempt_lost':
        // Only the resolution of the very attempt the intent still waits for may move it.
        query
          .set({ status: change.to, lastPaymentError: change.error, ...cleared, inFlight: null, updatedAt: now })
          .andWhere('in_flight = CAST(:inFlight AS jsonb)', { inFlight: JSON.stringify(change.inFlight) });
        from(PAYMENT_INTENT_MOVES.loseAttempt.from);
        break;
      case 'confirmation_abandoned':
        query.set({ ...change.restore, inFlight: null, updatedAt: now });
        from(PAYMENT_INTENT_MOVES.abandonConfirmation.from);
        break;
      case 'requires_action':
        query.set({
          status: 'requires_action',
          nextAction: change.nextAction,
          authenticationToken: change.token,
          pendingAuthorization: change.pendingAuthorization,
          inFlight: null,
          updatedAt: now,
        });
        from(PAYMENT_INTENT_MOVES.requireAction.from);
        break;
      case 'awaiting_customer':
        query.set({ nextAction: change.nextAction, pendingAuthorization: change.pendingAuthorization, updatedAt: now }).andWhere('next_action IS NULL');
        from(['processing']);
        break;
      case 'authorized':
        query.set(
          change.captured
            ? { status: 'succeeded', latestCharge: change.chargeId, amountReceived: change.amount, amountCapturable: '0', ...cleared, inFlight: null, updatedAt: now }
            : { status: 'requires_capture', latestCharge: change.chargeId, amountCapturable: change.amount, ...cleared, inFlight: null, updatedAt: now },
        );
        from(change.captured ? PAYMENT_INTENT_MOVES.succeed.from : PAYMENT_INTENT_MOVES.authorize.from);
        break;
      case 'declined':
        query.set({
          status: 'requires_payment_method',
          ...(change.chargeId ? { latestCharge: change.chargeId } : {}),
          lastPaymentError: change.error,
          ...cleared,
          inFlight: null,
          updatedAt: now,
        });
        from(PAYMENT_INTENT_MOVES.decline.from);
        break;
      case 'authenticating':
        // The token is single-use: only the request that matches and clears it moves the intent on.
        query
          .set({
            status: 'processing',
            authenticationToken: null,
            inFlight: () => `jsonb_build_object('step', 'authentication', 'attempt', attempts)`,
            updatedAt: now,
          })
          .andWhere('authentication_token = :token', { token: change.token });
        from(PAYMENT_INTENT_MOVES.beginAuthentication.from);
        break;
      case 'authentication_abandoned':
        query.set({ status: 'requires_action', authenticationToken: change.token, inFlight: null, updatedAt: now });
        from(PAYMENT_INTENT_MOVES.abandonAuthentication.from);
        break;
      case 'capturing':
        query.set({ status: 'processing', inFlight: { step: 'capture', amount: change.amount }, updatedAt: now });
        from(PAYMENT_INTENT_MOVES.beginCapture.from);
        break;
      case 'voiding':
        query.set({ status: 'processing', inFlight: { step: 'void', reason: change.reason }, updatedAt: now });
        from(PAYMENT_INTENT_MOVES.beginVoid.from);
        break;
      case 'captured':
        query.set({
          status: 'succeeded',
          amountReceived: change.amountReceived,
          amountCapturable: '0',
          ...(change.metadata ? { metadata: change.metadata } : {}),
          inFlight: null,
          updatedAt: now,
        });
        from(PAYMENT_INTENT_MOVES.succeed.from);
        break;
      case 'capture_abandoned':
      case 'void_abandoned':
        query.set({ status: 'requires_capture', inFlight: null, updatedAt: now });
        from(PAYMENT_INTENT_MOVES[change.kind === 'capture_abandoned' ? 'abandonCapture' : 'abandonVoid'].from);
        break;
      case 'canceled':
        query.set({ status: 'canceled', canceledAt: now, cancellationReason: change.reason, amountCapturable: '0', ...cleared, inFlight: null, updatedAt: now });
        from(change.voided ? PAYMENT_INTENT_MOVES.finishVoid.from : PAYMENT_INTENT_MOVES.cancel.from);
        break;
      case 'updated':
        query.set({ ...change.patch, updatedAt: now });
        from(change.from);
        break;
      default:
        return assertNever(change);
    }
    const result = await query.execute();
    return (result.affected ?? 0) === 1;
  }

  list(caller: Caller, params: ListPaymentIntentsParams): Promise<Page<PaymentIntentEntity> & { cursorMissing?: string }> {
    const query = this.dataSource.manager
      .createQueryBuilder(PaymentIntentEntity, 'pi')
      .where('pi.merchant_id = :merchantId AND pi.livemode = :livemode', caller);
    if (params.customer) query.andWhere('pi.customer = :customer', { customer: params.customer });
    applyCreatedRange(query, 'pi', params.created);
    return keysetPage(query, 'pi', params);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change ${JSON.stringify(value)}`);
}
