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
import { CONFIRMABLE_STATUSES, newId, normalizeCurrency, randomBase62 } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { PaymentMethodResolver } from '../payment-methods/payment-method-resolver.js';
import { CustomerCheck } from './customer-check.js';
import { assertAmount, assertMetadata, planUpdate, unexpectedState } from './payment-intent-rules.js';
import { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository, type ClaimedState } from './payment-intents.repository.js';
import { PaymentOutcomes } from './payment-outcomes.js';

@Injectable()
export class PaymentIntentsService {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly outcomes: PaymentOutcomes,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
    private readonly paymentMethods: PaymentMethodResolver,
    private readonly customers: CustomerCheck,
  ) {}

  async create(caller: Caller, params: CreatePaymentIntentParams): Promise<PaymentIntentResource> {
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
    if (params.customer) await this.customers.assertExists(caller, params.customer);
    await this.paymentMethods.assertUsable(caller, { paymentMethod: params.payment_method ?? null, customer: params.customer ?? null });
    const id = newId('pi');
    const now = new Date();
    const entity = Object.assign(new PaymentIntentEntity(), {
      id,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      amount: String(params.amount),
      currency: normalizeCurrency(params.currency),
      status: params.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      captureMethod: params.capture_method ?? 'automatic',
      confirmationMethod: params.confirmation_method ?? 'automatic',
      clientSecret: `${id}_secret_${randomBase62(24)}`,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      paymentMethod: params.payment_method ?? null,
      paymentMethodTypes: params.payment_method_types?.length ? params.payment_method_types : ['card'],
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
      createdAt: now,
      updatedAt: now,
    } satisfies PaymentIntentEntity);
    const resource = toPaymentIntentResource(entity);
    await this.outbox.run(async ({ manager, publish }) => {
      await this.intents.insert(manager, entity);
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.created', caller, id, resource));
    });
    if (params.confirm) return this.confirm(caller, { id, payment_method: params.payment_method, return_url: params.return_url });
    return resource;
  }

  async retrieve(caller: Caller, id: string): Promise<PaymentIntentResource> {
    return toPaymentIntentResource(await this.owned(caller, id));
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
   * Confirm in three steps so that no transaction stays open while the gateway is asked: claim the
   * intent (`processing`, guarded by its status), authorise through gateway-connectors, then record the
   * charge and the outcome with their events.
   */
  async confirm(caller: Caller, params: ConfirmPaymentIntentParams): Promise<PaymentIntentResource> {
    const { before, intent } = await this.claim(caller, params);
    const paymentMethod = intent.paymentMethod!;

    let result: AuthorizePaymentResult;
    try {
      result = await this.client.send(Patterns.ConnectorAuthorize, {
        caller,
        params: {
          paymentIntentId: intent.id,
          attempt: intent.attempts,
          amount: Number(intent.amount),
          currency: intent.currency,
          paymentMethod: await this.paymentMethods.forConnector(caller, paymentMethod),
          captureMethod: intent.captureMethod,
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
    const outcome = await this.outcomes.record(caller, intent, paymentMethod, result);
    if (outcome.error) throw outcome.error;
    return outcome.intent;
  }

  /**
   * Takes the intent into `processing` for this confirmation alone, and returns what it was before
   * (to restore if the gateway refuses) and what it is now: amount and attempt are read after the
   * claim, so a concurrent update cannot slip a different amount under the authorisation.
   */
  private async claim(caller: Caller, params: ConfirmPaymentIntentParams): Promise<{ before: ClaimedState; intent: PaymentIntentEntity }> {
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
      await this.paymentMethods.assertUsable(caller, { paymentMethod, customer: current.customer }, manager);
      const returnUrl = params.return_url ?? current.returnUrl;
      if (!(await this.intents.apply(manager, current.id, { kind: 'confirming', paymentMethod, returnUrl }))) throw unexpectedState(current, 'confirm');
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
