import { Inject, Injectable, Logger } from '@nestjs/common';
import { Patterns, Topics, type Caller, type LastPaymentError, type SyncAuthorizationResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox } from '@payrail/messaging';
import { AUTHENTICATION_FAILURE, PaymentOutcomes } from './payment-outcomes.js';
import type { InFlightStep, PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';
import { PROCESSING_SWEEP_OPTIONS, type ProcessingSweepOptions } from './processing-sweep-options.js';

type ConfirmationStep = Extract<InFlightStep, { step: 'authorization' | 'authentication' }>;

export function isConfirmationStep(inFlight: InFlightStep | null): inFlight is ConfirmationStep {
  return inFlight?.step === 'authorization' || inFlight?.step === 'authentication';
}

/**
 * Finishes a confirmation whose answer was lost (a crash, a timeout) from the gateway's record of the
 * attempt, never by sending it again: an authorisation found is recorded as if it had just been
 * answered; an attempt the gateway never took (it now refuses it for good) leaves the intent to be
 * confirmed again. While the gateway cannot be asked, the intent stays `processing`.
 */
@Injectable()
export class ConfirmationRecovery {
  private readonly logger = new Logger(ConfirmationRecovery.name);

  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly outcomes: PaymentOutcomes,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
    @Inject(PROCESSING_SWEEP_OPTIONS) private readonly options: ProcessingSweepOptions,
  ) {}

  /**
   * Whether the intent's gateway call may still be under way. Asking the gateway about it then would
   * close its key under the live request, so a fresh call is left alone.
   */
  inProgress(intent: PaymentIntentEntity): boolean {
    // A gateway that answered "waiting for the customer" has finished its call: asking it is safe at once.
    if (intent.nextAction?.type === 'mpesa_stk_push') return false;
    return intent.status === 'processing' && Date.now() - intent.updatedAt.getTime() < this.options.staleAfterMs;
  }

  /**
   * The intent as it stands once its in-flight confirmation step is resolved; unchanged if that step
   * may still be under way or the gateway cannot be asked now.
   */
  async resolve(caller: Caller, intent: PaymentIntentEntity): Promise<PaymentIntentEntity> {
    if (intent.status !== 'processing' || !isConfirmationStep(intent.inFlight) || this.inProgress(intent)) return intent;
    if ((await this.settle(caller, intent)) !== null) return intent;
    return (await this.intents.findOwned(caller, intent.id))!;
  }

  /**
   * Settles the in-flight confirmation step from the gateway's record, as `resolve` does; returns why
   * it could not (the gateway could not be asked), or null once the gateway's answer is recorded.
   */
  async settle(caller: Caller, intent: PaymentIntentEntity): Promise<string | null> {
    const inFlight = intent.inFlight;
    if (intent.status !== 'processing' || !isConfirmationStep(inFlight)) return null;
    if (this.inProgress(intent)) return 'the confirmation may still be under way';
    let known: SyncAuthorizationResult;
    try {
      known = await this.client.send(Patterns.ConnectorSyncAuthorization, {
        caller,
        params: { paymentIntentId: intent.id, attempt: inFlight.attempt, step: inFlight.step },
      });
    } catch (error) {
      const reason = `Could not ask the gateway about ${intent.id} attempt ${inFlight.attempt}: ${(error as Error).message}`;
      this.logger.warn(reason);
      return reason;
    }
    if (known.outcome === 'not_found') {
      await this.attemptLost(caller, intent, inFlight);
    } else {
      try {
        await this.outcomes.record(caller, intent, intent.paymentMethod!, known);
      } catch (error) {
        // Another retry, a callback or the reconciler recorded the same answer first.
        if (!(error instanceof PayrailError) || error.code !== 'payment_intent_unexpected_state') throw error;
      }
      if (known.outcome === 'pending') return 'the customer has not answered the payment request yet';
    }
    return null;
  }

  /**
   * A confirmation answered "waiting for the customer" may have been settled already: Daraja's callback
   * can arrive while the answer is being recorded, when this intent did not yet show what it waits for.
   * Takes what gateway-connectors recorded (never asking the gateway) and records it now if it is final.
   */
  async catchUp(caller: Caller, intent: PaymentIntentEntity): Promise<PaymentIntentEntity> {
    const inFlight = intent.inFlight;
    if (intent.status !== 'processing' || !isConfirmationStep(inFlight)) return intent;
    let known: SyncAuthorizationResult;
    try {
      known = await this.client.send(Patterns.ConnectorSyncAuthorization, {
        caller,
        params: { paymentIntentId: intent.id, attempt: inFlight.attempt, step: inFlight.step, recordedOnly: true },
      });
    } catch {
      return intent;
    }
    if (known.outcome === 'pending' || known.outcome === 'not_found') return intent;
    try {
      await this.outcomes.record(caller, intent, intent.paymentMethod!, known);
    } catch (error) {
      if (!(error instanceof PayrailError) || error.code !== 'payment_intent_unexpected_state') throw error;
    }
    return (await this.intents.findOwned(caller, intent.id))!;
  }

  /**
   * No money moved. A lost authorisation leaves the intent to be confirmed again with the same payment
   * method; a lost 3D Secure completion cannot be redone (its page is spent), so it fails as Stripe's does.
   */
  private attemptLost(caller: Caller, intent: PaymentIntentEntity, inFlight: ConfirmationStep): Promise<void> {
    if (inFlight.step === 'authorization') {
      return this.outbox.run(async ({ manager }) => {
        await this.intents.apply(manager, intent.id, { kind: 'attempt_lost', inFlight, to: 'requires_confirmation', error: null });
      });
    }
    const error: LastPaymentError = {
      type: 'invalid_request_error',
      code: AUTHENTICATION_FAILURE,
      message: 'The authentication of this payment could not be completed. Confirm the PaymentIntent again.',
      payment_method: { id: intent.paymentMethod!, type: 'card' },
    };
    return this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.intents.apply(manager, intent.id, { kind: 'attempt_lost', inFlight, to: 'requires_payment_method', error }))) return;
      const after = toPaymentIntentResource((await this.intents.findOwned(caller, intent.id, manager))!);
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.payment_failed', caller, intent.id, after));
    });
  }
}
