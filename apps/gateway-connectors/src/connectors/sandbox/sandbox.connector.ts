import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { CardDetails } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { cardFingerprint } from '@payrail/signing';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../../config/gateway-connectors.config.js';
import type {
  ConnectorAuthenticationRequest,
  ConnectorAuthenticationResult,
  ConnectorAuthorizeRequest,
  ConnectorAuthorizeResult,
  ConnectorCaptureRequest,
  ConnectorRefundRequest,
  ConnectorRefundSyncRequest,
  ConnectorRefundResult,
  ConnectorSettleResult,
  ConnectorSyncRequest,
  ConnectorSyncResult,
  ConnectorVoidRequest,
  PaymentConnector,
} from '../../routing/payment-connector.js';
import { SandboxDisputeSink } from './sandbox-dispute-sink.js';
import { SandboxJournal, type JournalEntry, type JournalLookup } from './sandbox-journal.js';
import { brandOf, looksLikeCardNumber, normalizeCardNumber, passesLuhn } from './card-number.js';
import {
  DECLINE_MESSAGES,
  SANDBOX_EXP_MONTH,
  SANDBOX_EXP_YEAR,
  testCardByNumber,
  testCardByToken,
  type TestCardOutcome,
} from './test-cards.js';

export const SANDBOX_CONNECTOR = 'sandbox';

interface ResolvedCard {
  pan: string;
  brand: string;
  funding: string;
  country: string | null;
  result: TestCardOutcome;
}

/**
 * A deterministic gateway that answers like Stripe does for its test cards, by token
 * (`pm_card_visa`) or, in test mode only, by raw test card number. The number is used to compute
 * last4 and the keyed fingerprint and then dropped: it is never returned, stored or logged.
 *
 * It reports no gateway fee: the sandbox is Payrail itself, no gateway charges for it, and an invented fee
 * would show the operator costs that never existed (`GET /v1/pricing_plan/costs` would lie about margins).
 */
@Injectable()
export class SandboxConnector implements PaymentConnector {
  readonly name = SANDBOX_CONNECTOR;

  constructor(
    @Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'cardFingerprintKey'>,
    private readonly journal: SandboxJournal,
    @Optional() private readonly disputes?: SandboxDisputeSink,
  ) {}

  private readonly logger = new Logger(SandboxConnector.name);

  /**
   * Answers once per idempotency key, as Stripe does: a repeated key gets the first answer back. An attempt
   * arriving after a sync closed its key is refused without an answer: the sync said the sandbox never took
   * it, and an answer (even a decline) would be recorded as the attempt's outcome and contradict that.
   */
  async authorize(request: ConnectorAuthorizeRequest): Promise<ConnectorAuthorizeResult> {
    const answer = await this.decideAuthorization(request);
    const kept = await this.journal.remember(request.idempotencyKey, request.livemode, entryOf(request, answer));
    if (kept === 'closed') {
      throw new PayrailError('gateway_unavailable', 'This payment attempt reached the gateway after it had been given up, so it was refused and nothing was charged. Try again.');
    }
    if (kept.answer.outcome === 'succeeded' && request.captureMethod === 'automatic' && disputesAfterSuccess(request)) {
      await this.raiseDispute(request, kept.answer.externalReference);
    }
    // The card is the one presented now: a repeated key names the same payment method.
    return { ...kept.answer, card: answer.card };
  }

  /** The simulator's 3D Secure: the customer's button on the redirect page decides, and the issuer then approves. */
  async completeAuthentication(request: ConnectorAuthenticationRequest): Promise<ConnectorAuthenticationResult> {
    const answer = decideAuthentication(request);
    const kept = await this.journal.remember(request.idempotencyKey, request.livemode, { ...request, captureMethod: 'automatic', answer });
    return kept === 'closed' ? closedAttempt(request.idempotencyKey) : kept.answer;
  }

  async sync(request: ConnectorSyncRequest): Promise<ConnectorSyncResult> {
    const known: JournalLookup = await this.journal.lookUpOrClose(request.idempotencyKey, request.livemode);
    if (known === 'closed') return { status: 'not_found' };
    return { status: 'found', amount: known.amount, currency: known.currency, captureMethod: known.captureMethod, answer: known.answer };
  }

  /**
   * As Stripe does for its dispute test card, the cardholder disputes the payment as soon as it succeeds,
   * through the sandbox's callback (once per attempt, however often the attempt is answered). Losing it
   * to a crash loses a simulated dispute only, so it is not part of the journal's transaction.
   */
  private async raiseDispute(request: ConnectorAuthorizeRequest, externalReference: string | null): Promise<void> {
    try {
      await this.disputes?.disputeAfterSuccess({ ...pickPayment(request), externalReference });
    } catch (error) {
      this.logger.warn(`The sandbox could not raise its simulated dispute: ${(error as Error).message}`);
    }
  }

  private async decideAuthorization(request: ConnectorAuthorizeRequest): Promise<ConnectorAuthorizeResult> {
    const card = resolveCard(request.paymentMethod, request.livemode);
    const details: CardDetails = {
      brand: card.brand,
      last4: card.pan.slice(-4),
      exp_month: SANDBOX_EXP_MONTH,
      exp_year: SANDBOX_EXP_YEAR,
      funding: card.funding,
      country: card.country,
      fingerprint: await cardFingerprint(this.config.cardFingerprintKey, card.pan),
    };
    const { result } = card;
    return {
      outcome: result.outcome,
      card: details,
      networkStatus: networkStatusOf(result.outcome),
      riskLevel: result.riskLevel,
      sellerMessage: result.sellerMessage,
      ...(result.outcome === 'declined'
        ? { failureCode: result.failureCode, declineCode: result.declineCode, failureMessage: result.failureMessage }
        : {}),
      externalReference: sandboxReference(result.refundPending ? PENDING_REFUND_CHARGE : 'ch', request.idempotencyKey),
    };
  }

  async capture(request: ConnectorCaptureRequest): Promise<ConnectorSettleResult> {
    return { status: 'succeeded', externalReference: sandboxReference('cap', request.idempotencyKey) };
  }

  async void(request: ConnectorVoidRequest): Promise<ConnectorSettleResult> {
    return { status: 'succeeded', externalReference: sandboxReference('void', request.idempotencyKey) };
  }

  /** Refunds succeed at once, except for a payment by `pm_card_pendingRefund`, whose refunds answer `pending` first. */
  async refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult> {
    const externalReference = sandboxReference('re', request.idempotencyKey);
    if (refundsPending(request.authorization.externalReference)) return { status: 'pending', externalReference };
    return { status: 'succeeded', externalReference };
  }

  /**
   * The sandbox keeps no refunds: every refund it was asked for has succeeded by the time it is asked
   * again (as Stripe's pending-refund card does "some time in the future"), so a sync settles it.
   */
  async syncRefund(request: ConnectorRefundSyncRequest): Promise<ConnectorRefundResult> {
    return { status: 'succeeded', externalReference: request.externalReference ?? sandboxReference('re', request.idempotencyKey) };
  }
}

function decideAuthentication(request: ConnectorAuthenticationRequest): ConnectorAuthenticationResult {
  const externalReference = sandboxReference('ch', request.idempotencyKey);
  if (request.authenticated) {
    return { outcome: 'succeeded', networkStatus: 'approved_by_network', riskLevel: 'normal', sellerMessage: 'Payment complete.', externalReference };
  }
  return {
    outcome: 'declined',
    networkStatus: 'not_sent_to_network',
    riskLevel: 'normal',
    sellerMessage: 'The customer failed 3D Secure authentication.',
    failureCode: 'payment_intent_authentication_failure',
    failureMessage: DECLINE_MESSAGES.authenticationFailed,
    externalReference,
  };
}

function entryOf(request: ConnectorAuthorizeRequest, answer: ConnectorAuthorizeResult): JournalEntry {
  return { amount: request.amount, currency: request.currency, captureMethod: request.captureMethod, answer };
}

/**
 * A 3-D Secure completion that reached the sandbox after a sync had closed its key: declined, nothing
 * authorised. Its page is spent either way, so the payment fails as it does when the sync finds nothing.
 */
function closedAttempt(idempotencyKey: string): ConnectorAuthenticationResult {
  return {
    outcome: 'declined',
    networkStatus: 'not_sent_to_network',
    riskLevel: 'normal',
    sellerMessage: 'The attempt arrived after it had been given up; it was not sent to the card network.',
    failureCode: 'processing_error',
    failureMessage: DECLINE_MESSAGES.processingError,
    externalReference: sandboxReference('ch', idempotencyKey),
  };
}

function networkStatusOf(outcome: TestCardOutcome['outcome']): ConnectorAuthorizeResult['networkStatus'] {
  if (outcome === 'succeeded') return 'approved_by_network';
  return outcome === 'declined' ? 'declined_by_network' : 'not_sent_to_network';
}

/**
 * The sandbox keeps no state for refunds: whether a payment's refunds start `pending` is carried by
 * the payment's own reference, which every refund of it names.
 */
const PENDING_REFUND_CHARGE = 'chrp';

function refundsPending(authorizationReference: string | null): boolean {
  return authorizationReference?.startsWith(`sbx_${PENDING_REFUND_CHARGE}_`) ?? false;
}

/** The same request always gets the same upstream id, as a real gateway does for a repeated idempotency key. */
function sandboxReference(kind: string, idempotencyKey: string): string {
  return `sbx_${kind}_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

function disputesAfterSuccess(request: ConnectorAuthorizeRequest): boolean {
  try {
    return resolveCard(request.paymentMethod, request.livemode).result.disputedAfterSuccess === true;
  } catch {
    return false;
  }
}

function pickPayment(request: ConnectorAuthorizeRequest): { idempotencyKey: string; livemode: boolean; amount: number; currency: string } {
  return { idempotencyKey: request.idempotencyKey, livemode: request.livemode, amount: request.amount, currency: request.currency };
}

function resolveCard(paymentMethod: string, livemode: boolean): ResolvedCard {
  if (looksLikeCardNumber(paymentMethod)) return resolveRawNumber(normalizeCardNumber(paymentMethod), livemode);
  const card = testCardByToken(paymentMethod);
  if (!card || livemode) {
    const shown = /\d{12,}/.test(paymentMethod) ? '[redacted]' : paymentMethod;
    const hint = card && livemode ? '; a similar object exists in test mode, but a live mode key was used to make this request' : '';
    throw new PayrailError('resource_missing', `No such PaymentMethod: '${shown}'${hint}`, { param: 'payment_method' });
  }
  return card;
}

function resolveRawNumber(pan: string, livemode: boolean): ResolvedCard {
  if (livemode) {
    throw new PayrailError('parameter_invalid', 'Raw card numbers are accepted in test mode only; use a payment method token.', {
      param: 'payment_method',
    });
  }
  const card = testCardByNumber(pan);
  if (card) return card;
  if (!passesLuhn(pan)) {
    throw new PayrailError('incorrect_number', 'Your card number is incorrect.', { param: 'payment_method' });
  }
  // Stripe declines a real card number used in test mode rather than reaching the card network.
  return {
    pan,
    brand: brandOf(pan),
    funding: 'unknown',
    country: null,
    result: {
      outcome: 'declined',
      riskLevel: 'normal',
      sellerMessage: 'The bank returned the decline code `test_mode_live_card`.',
      failureCode: 'card_declined',
      declineCode: 'test_mode_live_card',
      failureMessage: DECLINE_MESSAGES.liveCardInTestMode,
    },
  };
}
