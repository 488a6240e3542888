import { Injectable } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type CancelPaymentIntentParams,
  type CapturePaymentIntentParams,
  type Caller,
  type PaymentIntentResource,
  type SettlePaymentResult,
} from '@payrail/contracts';
import { CANCELABLE_STATUSES, mergeMetadata, splitCapture } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { toChargeResource } from '../charges/charge.mapper.js';
import { ChargesRepository } from '../charges/charges.repository.js';
import type { ChargeEntity } from '../charges/charge.entity.js';
import { ConfirmationRecovery } from './confirmation-recovery.js';
import { assertMetadata, unexpectedState } from './payment-intent-rules.js';
import type { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository, type PaymentIntentChange } from './payment-intents.repository.js';
import { PaymentLinks } from './payment-links.js';

/**
 * Capture and cancel. Both settle an authorisation at the gateway, so they run in the same three
 * steps as a confirmation: claim the intent (`requires_capture` → `processing`, one winner), ask
 * gateway-connectors, then record. Of two concurrent captures (or a capture and a cancel) exactly
 * one claims the intent; the other gets `payment_intent_unexpected_state`.
 */
@Injectable()
export class PaymentIntentSettlementsService {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly charges: ChargesRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
    private readonly links: PaymentLinks,
    private readonly recovery: ConfirmationRecovery,
  ) {}

  async capture(caller: Caller, params: CapturePaymentIntentParams): Promise<PaymentIntentResource> {
    const intent = await this.owned(caller, params.id);
    if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'capture', ['requires_capture']);
    assertMetadata(params.metadata);
    const split = splitCapture(BigInt(intent.amountCapturable), params.amount_to_capture === undefined ? undefined : BigInt(params.amount_to_capture));
    if (split === 'exceeds_capturable') {
      throw new PayrailError('amount_too_large', `The amount_to_capture (${params.amount_to_capture}) must be less than or equal to amount_capturable (${intent.amountCapturable}).`, {
        param: 'amount_to_capture',
      });
    }
    if (split === 'not_positive') throw new PayrailError('amount_too_small', 'amount_to_capture must be a positive integer.', { param: 'amount_to_capture' });

    const captured = String(split.captured);
    const charge = await this.claim(caller, intent, { kind: 'capturing', amount: captured }, 'capture');
    return this.completeCapture(caller, intent, charge, captured, params.metadata);
  }

  /**
   * Finishes a capture or a void whose claimant died while the gateway was asked: the connector keys
   * both by the intent, so asking again gets the gateway's first answer, never a second settlement.
   * The capture's metadata update, if it had one, is not known here and is not applied.
   */
  async resume(caller: Caller, intent: PaymentIntentEntity): Promise<void> {
    const inFlight = intent.inFlight;
    if (intent.status !== 'processing' || (inFlight?.step !== 'capture' && inFlight?.step !== 'void')) return;
    const charge = intent.latestCharge ? await this.charges.findOwned(caller, intent.latestCharge) : null;
    if (!charge) return;
    try {
      if (inFlight.step === 'capture') await this.completeCapture(caller, intent, charge, inFlight.amount, undefined);
      else await this.completeVoid(caller, intent, charge, inFlight.reason);
    } catch (error) {
      // A concurrent resumption finished it first; anything else stays `processing` for the next sweep.
      if (!(error instanceof PayrailError) || error.code !== 'payment_intent_unexpected_state') throw error;
    }
  }

  private async completeCapture(
    caller: Caller,
    intent: PaymentIntentEntity,
    charge: ChargeEntity,
    captured: string,
    metadataUpdate: CapturePaymentIntentParams['metadata'],
  ): Promise<PaymentIntentResource> {
    await this.settle(intent, 'capture_abandoned', () =>
      this.client.send(Patterns.ConnectorCapture, {
        caller,
        params: { paymentIntentId: intent.id, connector: charge.connector, gatewayReference: charge.gatewayReference, amount: Number(captured), currency: intent.currency },
      }),
    );

    return this.outbox.run(async ({ manager, publish }) => {
      const metadata = metadataUpdate === undefined ? undefined : mergeMetadata(intent.metadata, metadataUpdate);
      if (!(await this.intents.apply(manager, intent.id, { kind: 'captured', amountReceived: captured, metadata }))) throw unexpectedState(intent, 'capture');
      await this.charges.capture(manager, charge.id, captured);
      const after = toPaymentIntentResource((await this.intents.findOwned(caller, intent.id, manager))!);
      const chargeAfter = toChargeResource((await this.charges.findById(manager, charge.id))!, this.links);
      await publish(Topics.PaymentsEvents, newEvent('charge.captured', caller, intent.id, chargeAfter));
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.succeeded', caller, intent.id, after));
      return after;
    });
  }

  /** Cancel; an authorisation (`requires_capture`) is voided at the gateway first, releasing the hold. */
  async cancel(caller: Caller, params: CancelPaymentIntentParams): Promise<PaymentIntentResource> {
    // A confirmation whose outcome was lost is settled from the gateway's record first: cancelable if it never authorised.
    const intent = await this.recovery.resolve(caller, await this.owned(caller, params.id));
    const reason = params.cancellation_reason ?? null;
    if (intent.status !== 'requires_capture') return this.finishCancel(caller, intent, { kind: 'canceled', reason, voided: false });

    const charge = await this.claim(caller, intent, { kind: 'voiding', reason }, 'cancel');
    return this.completeVoid(caller, intent, charge, reason);
  }

  private async completeVoid(caller: Caller, intent: PaymentIntentEntity, charge: ChargeEntity, reason: string | null): Promise<PaymentIntentResource> {
    await this.settle(intent, 'void_abandoned', () =>
      this.client.send(Patterns.ConnectorVoid, {
        caller,
        params: { paymentIntentId: intent.id, connector: charge.connector, gatewayReference: charge.gatewayReference },
      }),
    );
    return this.finishCancel(caller, intent, { kind: 'canceled', reason, voided: true });
  }

  private finishCancel(caller: Caller, intent: PaymentIntentEntity, change: PaymentIntentChange): Promise<PaymentIntentResource> {
    return this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.intents.apply(manager, intent.id, change))) {
        throw unexpectedState((await this.intents.findOwned(caller, intent.id, manager))!, 'cancel', CANCELABLE_STATUSES);
      }
      const after = toPaymentIntentResource((await this.intents.findOwned(caller, intent.id, manager))!);
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.canceled', caller, intent.id, after));
      return after;
    });
  }

  /** Claims an authorised intent for this capture or void alone and returns the charge that holds the authorisation. */
  private async claim(
    caller: Caller,
    intent: PaymentIntentEntity,
    change: Extract<PaymentIntentChange, { kind: 'capturing' | 'voiding' }>,
    action: string,
  ): Promise<ChargeEntity> {
    const kind = change.kind;
    const claimed = await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, change));
    if (!claimed) throw unexpectedState((await this.owned(caller, intent.id)), action, action === 'cancel' ? CANCELABLE_STATUSES : ['requires_capture']);
    const charge = intent.latestCharge ? await this.charges.findOwned(caller, intent.latestCharge) : null;
    if (!charge) {
      await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: kind === 'capturing' ? 'capture_abandoned' : 'void_abandoned' }));
      throw PayrailError.internal();
    }
    return charge;
  }

  /**
   * Asks the gateway; a refusal returns the intent to `requires_capture`. A timeout leaves it
   * `processing`, as for a confirmation: the gateway may have acted.
   */
  private async settle(intent: PaymentIntentEntity, abandon: 'capture_abandoned' | 'void_abandoned', call: () => Promise<SettlePaymentResult>): Promise<void> {
    let result: SettlePaymentResult;
    try {
      result = await call();
    } catch (error) {
      if (!(error instanceof PayrailError) || error.code !== 'upstream_timeout') {
        await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: abandon }));
      }
      throw error;
    }
    if (result.status === 'failed') {
      await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: abandon }));
      throw new PayrailError('gateway_unavailable', 'The gateway could not settle this payment. Try again in a little bit.');
    }
  }

  private async owned(caller: Caller, id: string): Promise<PaymentIntentEntity> {
    const intent = await this.intents.findOwned(caller, id);
    if (!intent) throw PayrailError.notFound('payment_intent', id, 'intent');
    return intent;
  }
}
