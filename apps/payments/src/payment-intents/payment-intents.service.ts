import { Injectable } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type AuthorizePaymentResult,
  type Caller,
  type ConfirmPaymentIntentParams,
  type CreatePaymentIntentParams,
  type LastPaymentError,
  type ListPaymentIntentsParams,
  type ListResource,
  type PaymentIntentResource,
} from '@payrail/contracts';
import { CONFIRMABLE_STATUSES, isKnownCurrency, maxAmountMinor, newId, normalizeCurrency, randomBase62, validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { ChargeEntity } from '../charges/charge.entity.js';
import { toChargeResource } from '../charges/charge.mapper.js';
import { ChargesRepository } from '../charges/charges.repository.js';
import { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';

@Injectable()
export class PaymentIntentsService {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly charges: ChargesRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
  ) {}

  async create(caller: Caller, params: CreatePaymentIntentParams): Promise<PaymentIntentResource> {
    assertAmount(params.amount, params.currency);
    assertMetadata(params.metadata);
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
      customer: null,
      receiptEmail: params.receipt_email ?? null,
      statementDescriptor: params.statement_descriptor ?? null,
      canceledAt: null,
      cancellationReason: null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    } satisfies PaymentIntentEntity);
    const resource = toPaymentIntentResource(entity);
    await this.outbox.run(async ({ manager, publish }) => {
      await this.intents.insert(manager, entity);
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.created', caller, id, resource));
    });
    if (params.confirm) return this.confirm(caller, { id, payment_method: params.payment_method });
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

  /**
   * Confirm in three steps so that no transaction stays open while the gateway is asked: claim the
   * intent (`processing`, guarded by its status), authorise through gateway-connectors, then record the
   * charge and the outcome with their events.
   */
  async confirm(caller: Caller, params: ConfirmPaymentIntentParams): Promise<PaymentIntentResource> {
    const intent = await this.owned(caller, params.id);
    const paymentMethod = params.payment_method ?? intent.paymentMethod;
    if (!paymentMethod) {
      throw new PayrailError('parameter_missing', 'You cannot confirm this PaymentIntent because it\'s missing a payment method. Specify a payment_method.', { param: 'payment_method' });
    }
    const claimed = await this.outbox.run(({ manager }) =>
      this.intents.apply(manager, intent.id, { kind: 'confirming', from: CONFIRMABLE_STATUSES, paymentMethod }),
    );
    if (!claimed) throw unexpectedState(await this.owned(caller, params.id), 'confirm');

    let result: AuthorizePaymentResult;
    try {
      result = await this.client.send(Patterns.ConnectorAuthorize, {
        caller,
        params: {
          paymentIntentId: intent.id,
          attempt: intent.attempts + 1,
          amount: Number(intent.amount),
          currency: intent.currency,
          paymentMethod,
          captureMethod: intent.captureMethod,
        },
      });
    } catch (error) {
      // A refusal before any money moved (unknown payment method, bad input) returns the intent to its
      // previous state. A timeout leaves it `processing`: the gateway may still have authorised.
      if (error instanceof PayrailError && error.code !== 'upstream_timeout') {
        await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: 'confirmation_abandoned', paymentMethod: intent.paymentMethod }));
      }
      throw error;
    }
    return this.recordOutcome(caller, intent, paymentMethod, result);
  }

  private async recordOutcome(
    caller: Caller,
    intent: PaymentIntentEntity,
    paymentMethod: string,
    result: AuthorizePaymentResult,
  ): Promise<PaymentIntentResource> {
    const succeeded = result.outcome === 'succeeded';
    const captured = succeeded && intent.captureMethod === 'automatic';
    const charge = Object.assign(new ChargeEntity(), {
      id: newId('ch'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      paymentIntentId: intent.id,
      amount: intent.amount,
      amountCaptured: captured ? intent.amount : '0',
      amountRefunded: '0',
      currency: intent.currency,
      status: succeeded ? 'succeeded' : 'failed',
      paymentMethod,
      card: result.card,
      outcome: {
        network_status: result.networkStatus,
        reason: result.declineCode ?? null,
        risk_level: result.riskLevel,
        seller_message: result.sellerMessage,
        type: succeeded ? 'authorized' : 'issuer_declined',
      },
      failureCode: result.failureCode ?? null,
      failureMessage: result.failureMessage ?? null,
      connector: result.connector,
      gatewayReference: result.gatewayReference,
      metadata: intent.metadata,
      createdAt: new Date(),
    } satisfies ChargeEntity);
    const paymentError: LastPaymentError | undefined = succeeded ? undefined : {
      type: 'card_error',
      code: result.failureCode ?? 'card_declined',
      decline_code: result.declineCode,
      message: result.failureMessage ?? 'Your card was declined.',
      payment_method: { id: paymentMethod, type: 'card' },
    };

    const updated = await this.outbox.run(async ({ manager, publish }) => {
      await this.charges.insert(manager, charge);
      const change = paymentError
        ? { kind: 'declined' as const, chargeId: charge.id, error: paymentError }
        : { kind: 'authorized' as const, chargeId: charge.id, captured, amount: intent.amount };
      if (!(await this.intents.apply(manager, intent.id, change))) throw unexpectedState(intent, 'confirm');
      const after = toPaymentIntentResource((await this.intents.findOwned(caller, intent.id, manager))!);
      const chargeResource = toChargeResource(charge);
      if (paymentError) {
        await publish(Topics.PaymentsEvents, newEvent('charge.failed', caller, intent.id, chargeResource));
        await publish(Topics.PaymentsEvents, newEvent('payment_intent.payment_failed', caller, intent.id, after));
      } else {
        await publish(Topics.PaymentsEvents, newEvent('charge.succeeded', caller, intent.id, chargeResource));
        if (captured) await publish(Topics.PaymentsEvents, newEvent('payment_intent.succeeded', caller, intent.id, after));
      }
      return after;
    });

    if (paymentError) {
      throw new PayrailError(cardErrorCode(paymentError.code), paymentError.message, {
        declineCode: paymentError.decline_code,
        details: { payment_intent: updated, charge: charge.id },
      });
    }
    return updated;
  }

  private async owned(caller: Caller, id: string): Promise<PaymentIntentEntity> {
    const intent = await this.intents.findOwned(caller, id);
    if (!intent) throw PayrailError.notFound('payment_intent', id, 'intent');
    return intent;
  }
}

function assertAmount(amount: number, currency: string): void {
  if (!isKnownCurrency(currency)) throw new PayrailError('parameter_invalid', `Invalid currency: ${currency}.`, { param: 'currency' });
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new PayrailError('amount_too_small', 'Amount must be a positive integer in the currency\'s smallest unit.', { param: 'amount' });
  }
  if (BigInt(amount) > maxAmountMinor(currency)) {
    throw new PayrailError('amount_too_large', `Amount must be no more than ${maxAmountMinor(currency)}.`, { param: 'amount' });
  }
}

function assertMetadata(metadata: Record<string, string> | undefined): void {
  if (!metadata) return;
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}

function unexpectedState(intent: PaymentIntentEntity, action: string): PayrailError {
  return new PayrailError(
    'payment_intent_unexpected_state',
    `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`,
    { details: { payment_intent: toPaymentIntentResource(intent) } },
  );
}

const CARD_ERROR_CODES = new Set(['card_declined', 'expired_card', 'incorrect_cvc', 'processing_error', 'incorrect_number']);

function cardErrorCode(code: string): 'card_declined' | 'expired_card' | 'incorrect_cvc' | 'processing_error' | 'incorrect_number' {
  return (CARD_ERROR_CODES.has(code) ? code : 'card_declined') as 'card_declined';
}
