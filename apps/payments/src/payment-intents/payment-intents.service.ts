import { Injectable } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type AuthorizePaymentResult,
  type Caller,
  type ConfirmPaymentIntentParams,
  type CreatePaymentIntentParams,
  type ListPaymentIntentsParams,
  type ListResource,
  type PaymentIntentResource,
  type UpdatePaymentIntentParams,
} from '@payrail/contracts';
import { CONFIRMABLE_STATUSES, isKnownCurrency, isUpdatable, newId, normalizeCurrency, randomBase62 } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { PaymentMethodResolver } from '../payment-methods/payment-method-resolver.js';
import { CustomerCheck } from './customer-check.js';
import { assertAmount, assertMetadata, planUpdate, unexpectedState } from './payment-intent-rules.js';
import { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository, type ClaimedState } from './payment-intents.repository.js';
import { ConfirmationRecovery } from './confirmation-recovery.js';
import { declineError, PaymentOutcomes } from './payment-outcomes.js';
import { RoutabilityCheck } from './routability-check.js';

/** How long an intent stays bound to the idempotency key it was created under: the edge keeps keys as long. */
const KEY_WINDOW_HOURS = 24;

/** How long a read leaves a payment awaiting its M-Pesa prompt to its callback before asking Daraja itself. */
const CALLBACK_GRACE_MS = 10_000;

function keyInUse(): PayrailError {
  return new PayrailError(
    'idempotency_key_in_use',
    'There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
  );
}

/** A confirmation under this key has reached the gateway: a retry of it gets its outcome, not a new attempt. */
function answered(intent: PaymentIntentEntity): boolean {
  if (intent.status === 'requires_confirmation') return false;
  return intent.status !== 'requires_payment_method' || intent.lastPaymentError !== null;
}

@Injectable()
export class PaymentIntentsService {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly outcomes: PaymentOutcomes,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
    private readonly paymentMethods: PaymentMethodResolver,
    private readonly customers: CustomerCheck,
    private readonly recovery: ConfirmationRecovery,
    private readonly routability: RoutabilityCheck,
  ) {}

  /**
   * Under an idempotency key the intent is created once: a retry whose first attempt died finds it by
   * the key and carries on from the last recovery point (created, claimed, authorised, recorded).
   */
  async create(caller: Caller, params: CreatePaymentIntentParams, idempotencyKey?: string): Promise<PaymentIntentResource> {
    assertAmount(params.amount, params.currency);
    assertMetadata(params.metadata);
    if (params.confirm && !params.payment_method) {
      throw new PayrailError('parameter_missing', 'You passed `confirm: true`, but no payment_method. Specify a payment_method to confirm with.', {
        param: 'payment_method',
      });
    }
    if (params.return_url && !params.confirm) {
      throw new PayrailError('parameter_invalid', 'return_url can only be set when confirm=true; pass it to confirm instead.', { param: 'return_url' });
    }
    const paymentMethodTypes = params.payment_method_types?.length ? params.payment_method_types : ['card'];
    const currency = normalizeCurrency(params.currency);
    // Types the caller chose are what it must change; the default (card) is refused for its currency.
    await this.routability.assertRoutable(caller, { paymentMethodTypes, currency }, params.payment_method_types?.length ? 'payment_method_types' : 'currency');
    if (params.customer) await this.customers.assertExists(caller, params.customer);
    await this.paymentMethods.assertUsable(caller, { paymentMethod: params.payment_method ?? null, customer: params.customer ?? null, paymentMethodTypes });
    const id = newId('pi');
    const now = new Date();
    const entity = Object.assign(new PaymentIntentEntity(), {
      id,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      amount: String(params.amount),
      currency,
      status: params.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      captureMethod: params.capture_method ?? 'automatic',
      confirmationMethod: params.confirmation_method ?? 'automatic',
      clientSecret: `${id}_secret_${randomBase62(24)}`,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      paymentMethod: params.payment_method ?? null,
      paymentMethodTypes,
      latestCharge: null,
      lastPaymentError: null,
      amountReceived: '0',
      amountCapturable: '0',
      customer: params.customer ?? null,
      receiptEmail: params.receipt_email ?? null,
      statementDescriptor: params.statement_descriptor ?? null,
      canceledAt: null,
      cancellationReason: null,
      attempts: 0,
      nextAction: null,
      returnUrl: params.return_url ?? null,
      authenticationToken: null,
      pendingAuthorization: null,
      idempotencyKey: idempotencyKey ?? null,
      confirmationKey: null,
      inFlight: null,
      reconciliationSince: null,
      reconciliationAttempts: 0,
      reconciliationNextAt: null,
      reconciliationLastError: null,
      reconciliation: null,
      createdAt: now,
      updatedAt: now,
    } satisfies PaymentIntentEntity);
    const resource = toPaymentIntentResource(entity);
    const created = await this.outbox.run(async ({ manager, publish }) => {
      if (idempotencyKey === undefined) await this.intents.insert(manager, entity);
      else if (!(await this.intents.insertKeyed(manager, { ...entity, idempotencyKey }, KEY_WINDOW_HOURS))) return false;
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.created', caller, id, resource));
      return true;
    });
    const intentId = created ? id : await this.createdUnder(caller, idempotencyKey!);
    if (params.confirm) return this.confirm(caller, { id: intentId, payment_method: params.payment_method, return_url: params.return_url }, idempotencyKey);
    return created ? resource : this.retrieve(caller, intentId);
  }

  /**
   * A payment waiting on the customer's M-Pesa prompt is checked with the gateway when read, as the
   * M-Pesa document's "verify" does, so that a lost callback does not leave it `processing` until the
   * sweeper. Not in the first seconds: Daraja's query knows the outcome a moment before its callback
   * arrives, and only the callback carries the receipt number the charge keeps.
   */
  async retrieve(caller: Caller, id: string): Promise<PaymentIntentResource> {
    const intent = await this.owned(caller, id);
    const waitedForCallback = Date.now() - intent.updatedAt.getTime() >= CALLBACK_GRACE_MS;
    if (intent.status === 'processing' && intent.nextAction?.type === 'mpesa_stk_push' && waitedForCallback) {
      return toPaymentIntentResource(await this.recovery.resolve(caller, intent));
    }
    return toPaymentIntentResource(intent);
  }

  async list(caller: Caller, params: ListPaymentIntentsParams): Promise<ListResource<PaymentIntentResource>> {
    const page = await this.intents.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('payment_intent', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toPaymentIntentResource), has_more: page.hasMore, url: '/v1/payment_intents' };
  }

  /** Decided on the locked row (see planUpdate), so concurrent metadata merges do not lose keys. */
  async update(caller: Caller, params: UpdatePaymentIntentParams): Promise<PaymentIntentResource> {
    const { id, ...changes } = params;
    if (changes.customer) await this.customers.assertExists(caller, changes.customer);
    if (changes.currency !== undefined && isKnownCurrency(changes.currency)) await this.assertRoutableIn(caller, id, normalizeCurrency(changes.currency));
    return this.outbox.run(async ({ manager }) => {
      const intent = await this.intents.lockOwned(manager, caller, id);
      if (!intent) throw PayrailError.notFound('payment_intent', id, 'intent');
      const { patch, from } = planUpdate(intent, changes);
      if ('paymentMethod' in patch || 'customer' in patch) await this.paymentMethods.assertUsable(caller, { ...intent, ...patch }, manager);
      if (Object.keys(patch).length > 0 && !(await this.intents.apply(manager, id, { kind: 'updated', from, patch }))) {
        throw unexpectedState(intent, 'update');
      }
      return toPaymentIntentResource((await this.intents.findOwned(caller, id, manager))!);
    });
  }

  /**
   * Asked before the row is locked: the question goes to gateway-connectors, and no transaction may wait
   * on another service (embedded Postgres runs one at a time). The types it is asked about never change
   * after creation, so the answer still holds under the lock.
   */
  private async assertRoutableIn(caller: Caller, id: string, currency: string): Promise<void> {
    const intent = await this.owned(caller, id);
    // A frozen intent is refused for its status under the lock, whatever its currency.
    if (!isUpdatable(intent.status) || intent.currency === currency) return;
    await this.routability.assertRoutable(caller, { paymentMethodTypes: intent.paymentMethodTypes, currency }, 'currency');
  }

  /**
   * Confirm in three steps so that no transaction stays open while the gateway is asked: claim the
   * intent (`processing`, guarded by its status), authorise through gateway-connectors, then record the
   * charge and the outcome with their events.
   */
  async confirm(caller: Caller, params: ConfirmPaymentIntentParams, idempotencyKey?: string): Promise<PaymentIntentResource> {
    const retried = await this.asRetry(caller, params.id, idempotencyKey);
    if (retried) return retried;
    let claimed: { before: ClaimedState; intent: PaymentIntentEntity };
    try {
      claimed = await this.claim(caller, params, idempotencyKey ?? null);
    } catch (error) {
      // A redelivered first attempt and the client's retry raced for the claim: the loser answers as a retry.
      return this.answerAsRetry(caller, params.id, idempotencyKey, error);
    }
    const { before, intent } = claimed;
    const paymentMethod = intent.paymentMethod!;

    let result: AuthorizePaymentResult;
    try {
      const forConnector = await this.paymentMethods.connectorPaymentMethod(caller, paymentMethod);
      result = await this.client.send(Patterns.ConnectorAuthorize, {
        caller,
        params: {
          paymentIntentId: intent.id,
          attempt: intent.attempts,
          amount: Number(intent.amount),
          currency: intent.currency,
          paymentMethod: forConnector.token,
          paymentMethodType: forConnector.type,
          captureMethod: intent.captureMethod,
          metadata: intent.metadata,
          ...(intent.returnUrl ? { returnUrl: intent.returnUrl } : {}),
        },
      });
    } catch (error) {
      // A refusal before any money moved (unknown payment method, bad input) returns the intent to its
      // previous state. A timeout leaves it `processing`: the gateway may still have authorised.
      if (error instanceof PayrailError && error.code !== 'upstream_timeout') {
        await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: 'confirmation_abandoned', restore: before }));
      }
      throw error;
    }
    let outcome: Awaited<ReturnType<PaymentOutcomes['record']>>;
    try {
      outcome = await this.outcomes.record(caller, intent, paymentMethod, result);
    } catch (error) {
      return this.settledMeanwhile(caller, intent.id, idempotencyKey, error);
    }
    if (outcome.error) throw outcome.error;
    if (outcome.intent.status === 'processing' && outcome.intent.next_action?.type === 'mpesa_stk_push') {
      const waiting = await this.intents.findOwned(caller, intent.id);
      if (waiting) return toPaymentIntentResource(await this.recovery.catchUp(caller, waiting));
    }
    return outcome.intent;
  }

  /**
   * The answer to a retried confirmation that got as far as the gateway: what it ended in, or, if its
   * answer was lost, what the gateway's record of the attempt says (`processing` while that is unknown).
   */
  private async asRetry(caller: Caller, id: string, idempotencyKey: string | undefined): Promise<PaymentIntentResource | undefined> {
    if (idempotencyKey === undefined) return undefined;
    const current = await this.intents.findOwned(caller, id);
    if (!current || current.confirmationKey !== idempotencyKey || !answered(current)) return undefined;
    return this.answerAgain(caller, current);
  }

  /**
   * The gateway answered, but the attempt was settled before its answer could be recorded: it had run past
   * the stale threshold (a paused process, a restarting broker), and the processing sweeper or a retry
   * under the same key asked the gateway and recorded the outcome, or found the attempt lost. The answer is
   * then what a retry would get — the outcome, or 409 while the key's payment is still to be made — never
   * a refusal of the `processing` state this request itself put the intent in, which the edge would store.
   */
  private async settledMeanwhile(caller: Caller, id: string, idempotencyKey: string | undefined, refusal: unknown): Promise<PaymentIntentResource> {
    if (!(refusal instanceof PayrailError) || refusal.code !== 'payment_intent_unexpected_state') throw refusal;
    return this.answerAsRetry(caller, id, idempotencyKey, refusal);
  }

  /** What a retry under the key gets now (the outcome, or 409 while its payment is still to be made); else the refusal. */
  private async answerAsRetry(caller: Caller, id: string, idempotencyKey: string | undefined, refusal: unknown): Promise<PaymentIntentResource> {
    const answer = await this.asRetry(caller, id, idempotencyKey);
    if (answer) return answer;
    if (await this.ownAttemptEndedUnanswered(caller, id, idempotencyKey, refusal)) throw keyInUse();
    throw refusal;
  }

  /**
   * The claim was refused for the intent's state, and the intent now waits, unanswered, under this very
   * key: the attempt that held it was this key's own (the first delivery of the request, or another retry)
   * and it ended without reaching the gateway (abandoned, or settled as lost) between the claim and the
   * look after it. The refusal must not be the answer: the edge would store it against the key although the
   * key's payment is still to be made. The caller is told to retry, and its retry makes the attempt.
   */
  private async ownAttemptEndedUnanswered(caller: Caller, id: string, idempotencyKey: string | undefined, refusal: unknown): Promise<boolean> {
    if (idempotencyKey === undefined || !(refusal instanceof PayrailError) || refusal.code !== 'payment_intent_unexpected_state') return false;
    const current = await this.intents.findOwned(caller, id);
    return current !== null && current.confirmationKey === idempotencyKey && !answered(current);
  }

  private async answerAgain(caller: Caller, intent: PaymentIntentEntity): Promise<PaymentIntentResource> {
    if (this.recovery.inProgress(intent)) throw keyInUse();
    const current = await this.recovery.resolve(caller, intent);
    if (current.status === 'requires_confirmation' && current.confirmationKey === intent.confirmationKey && intent.status === 'processing') {
      // The gateway never took the attempt: make it now, as the first request meant to, and under its key,
      // so that a retry or a redelivery of that request meanwhile finds its own attempt (409 while it runs)
      // instead of a confirmation it does not know (a 400 the edge would replay for good).
      return this.confirm(caller, { id: current.id }, intent.confirmationKey ?? undefined);
    }
    const resource = toPaymentIntentResource(current);
    if (current.status === 'requires_payment_method' && current.lastPaymentError) throw declineError(resource, current.lastPaymentError);
    return resource;
  }

  private async createdUnder(caller: Caller, idempotencyKey: string): Promise<string> {
    const existing = await this.intents.findByIdempotencyKey(caller, idempotencyKey);
    if (!existing) {
      throw new PayrailError('idempotency_key_in_use', 'There is currently another in-progress request using this Idempotency Key. Please try again later.');
    }
    return existing.id;
  }

  /**
   * Takes the intent into `processing` for this confirmation alone, and returns what it was before
   * (to restore if the gateway refuses) and what it is now: amount and attempt are read after the
   * claim, so a concurrent update cannot slip a different amount under the authorisation.
   */
  private async claim(
    caller: Caller,
    params: ConfirmPaymentIntentParams,
    confirmationKey: string | null,
  ): Promise<{ before: ClaimedState; intent: PaymentIntentEntity }> {
    return this.outbox.run(async ({ manager }) => {
      const current = await this.intents.lockOwned(manager, caller, params.id);
      if (!current) throw PayrailError.notFound('payment_intent', params.id, 'intent');
      if (!(CONFIRMABLE_STATUSES as readonly string[]).includes(current.status)) throw unexpectedState(current, 'confirm', CONFIRMABLE_STATUSES);
      const paymentMethod = params.payment_method ?? current.paymentMethod;
      if (!paymentMethod) {
        throw new PayrailError('parameter_missing', 'You cannot confirm this PaymentIntent because it\'s missing a payment method. Specify a payment_method.', {
          param: 'payment_method',
        });
      }
      await this.paymentMethods.assertUsable(caller, { paymentMethod, customer: current.customer, paymentMethodTypes: current.paymentMethodTypes }, manager);
      const returnUrl = params.return_url ?? current.returnUrl;
      if (!(await this.intents.apply(manager, current.id, { kind: 'confirming', paymentMethod, returnUrl, confirmationKey }))) throw unexpectedState(current, 'confirm');
      const before: ClaimedState = {
        status: current.status,
        paymentMethod: current.paymentMethod,
        returnUrl: current.returnUrl,
        nextAction: current.nextAction,
        authenticationToken: current.authenticationToken,
        pendingAuthorization: current.pendingAuthorization,
        lastPaymentError: current.lastPaymentError,
      };
      return { before, intent: (await this.intents.findOwned(caller, current.id, manager))! };
    });
  }

  private async owned(caller: Caller, id: string): Promise<PaymentIntentEntity> {
    const intent = await this.intents.findOwned(caller, id);
    if (!intent) throw PayrailError.notFound('payment_intent', id, 'intent');
    return intent;
  }
}
