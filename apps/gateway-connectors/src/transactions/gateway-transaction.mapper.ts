import type {
  AuthorizeOutcome,
  AuthorizePaymentResult,
  CardDetails,
  ChargeGateway,
  GatewayFee,
  GatewayTransactionRecorded,
  RefundPaymentResult,
  SettlePaymentResult,
} from '@payrail/contracts';
import type { RecordedAttempt } from '../failover/authorization-attempts.repository.js';
import type { ConnectorSettleResult } from '../routing/payment-connector.js';
import type { ConnectorRoute } from '../routing/connector-registry.js';
import type { GatewayTransactionEntity } from './gateway-transaction.entity.js';

/** The route an authorisation went through: its 3D Secure completion, capture, void and refunds go the same way. */
export function routeOf(authorization: GatewayTransactionEntity): ConnectorRoute {
  return { gateway: authorization.connector, gatewayAccountId: authorization.gatewayAccountId };
}

/**
 * A stored authorisation as payments receives it, with the accounts tried for it (`attempts`, oldest
 * first): the first answer and every replay are the same.
 */
export function toAuthorizeResult(entity: GatewayTransactionEntity, attempts: readonly RecordedAttempt[]): AuthorizePaymentResult {
  return {
    gateway: toChargeGateway(entity, attempts),
    outcome: authorizeOutcome(entity),
    connector: entity.connector,
    gatewayReference: entity.id,
    card: toCardDetails(entity),
    ...(entity.upi ? { upi: entity.upi } : {}),
    networkStatus: entity.networkStatus ?? 'not_sent_to_network',
    riskLevel: entity.riskLevel ?? 'normal',
    sellerMessage: entity.sellerMessage ?? '',
    ...(entity.failureCode !== null ? { failureCode: entity.failureCode } : {}),
    ...(entity.declineCode !== null ? { declineCode: entity.declineCode } : {}),
    ...(entity.failureMessage !== null ? { failureMessage: entity.failureMessage } : {}),
    ...(entity.outcome === 'requires_action' && entity.customerAction ? { customerAction: entity.customerAction } : {}),
    ...(receiptOf(entity) ? { gatewayReceipt: receiptOf(entity)! } : {}),
  };
}

/**
 * M-Pesa's receipt number, held as the gateway reference of the settlement of a pending authorisation
 * (the pending one holds the CheckoutRequestID).
 */
function receiptOf(entity: GatewayTransactionEntity): string | null {
  return entity.connector === 'mpesa' && entity.parentId !== null && entity.outcome === 'succeeded' ? entity.gatewayReference : null;
}

export function toRefundResult(entity: GatewayTransactionEntity): RefundPaymentResult {
  return {
    status: entity.outcome === 'succeeded' || entity.outcome === 'pending' ? entity.outcome : 'failed',
    gatewayReference: entity.id,
    ...(entity.failureCode !== null ? { failureReason: entity.failureCode } : {}),
  };
}

function toChargeGateway(entity: GatewayTransactionEntity, attempts: readonly RecordedAttempt[]): ChargeGateway {
  // A 3-D Secure completion's decline is not the answer of any attempt: the attempt answered `requires_action`.
  const declineOfAnswer = entity.parentId === null ? entity.failureCode : null;
  return {
    gateway_account: entity.gatewayAccountId,
    gateway: entity.connector,
    reference: entity.gatewayReference,
    attempts: attempts.map((attempt) => ({
      gateway_account: attempt.gatewayAccountId,
      gateway: attempt.gateway,
      outcome: attempt.outcome,
      failure_code: attempt.outcome === 'answered' && attempt.gatewayAccountId === entity.gatewayAccountId ? declineOfAnswer : null,
      latency_ms: attempt.latencyMs,
      created: Math.floor(attempt.attemptedAt.getTime() / 1000),
    })),
  };
}

function authorizeOutcome(entity: GatewayTransactionEntity): AuthorizeOutcome {
  return entity.outcome === 'succeeded' || entity.outcome === 'requires_action' || entity.outcome === 'pending' ? entity.outcome : 'declined';
}

/** A stored capture or void as payments receives it. */
export function toSettleResult(entity: GatewayTransactionEntity): SettlePaymentResult {
  return {
    status: entity.outcome === 'succeeded' ? 'succeeded' : 'failed',
    gatewayReference: entity.id,
    ...(entity.failureCode !== null ? { failureReason: entity.failureCode } : {}),
  };
}

export function toRecordedEvent(entity: GatewayTransactionEntity): GatewayTransactionRecorded {
  return {
    gatewayTransactionId: entity.id,
    connector: entity.connector,
    kind: entity.kind,
    outcome: entity.outcome,
    amount: Number(entity.amount),
    currency: entity.currency,
    gatewayFee: feeOf(entity),
  };
}

/** The columns of a gateway's fee, and of how it settled a transaction it converted. */
export type FeeColumns = Pick<
  GatewayTransactionEntity,
  'gatewayFeeAmount' | 'gatewayFeeCurrency' | 'gatewaySettledAmount' | 'gatewayExchangeRate' | 'gatewayFeeStatus' | 'gatewayFeeReference' | 'gatewayFeeChecks' | 'gatewayFeeNextCheckAt'
>;

/**
 * The columns holding a gateway's fee for a transaction that moved money (`answer`; undefined for one that
 * moved none): the fee when the answer says it, awaited (first asked about on the fee backfill's next pass)
 * when the gateway will account it later, and otherwise not reported.
 */
export function feeColumns(answer: Pick<ConnectorSettleResult, 'gatewayFee' | 'gatewayFeeAwaited'> | undefined, now: Date = new Date()): FeeColumns {
  const none = { ...settlementColumns(undefined), gatewayFeeAmount: null, gatewayFeeCurrency: null, gatewayFeeReference: null, gatewayFeeChecks: 0, gatewayFeeNextCheckAt: null };
  const fee = answer?.gatewayFee;
  if (fee) return { ...none, ...settlementColumns(fee), gatewayFeeAmount: String(fee.amount), gatewayFeeCurrency: fee.currency.toLowerCase(), gatewayFeeStatus: 'reported' };
  const awaited = answer?.gatewayFeeAwaited;
  if (awaited) return { ...none, gatewayFeeStatus: 'awaited', gatewayFeeReference: awaited.reference, gatewayFeeNextCheckAt: now };
  return { ...none, gatewayFeeStatus: 'not_reported' };
}

/** The settled gross and rate of a fee the gateway took after converting the transaction (both null otherwise). */
function settlementColumns(fee: GatewayFee | undefined): Pick<GatewayTransactionEntity, 'gatewaySettledAmount' | 'gatewayExchangeRate'> {
  const settlement = fee?.settlement;
  return settlement ? { gatewaySettledAmount: String(settlement.amount), gatewayExchangeRate: settlement.exchangeRate } : { gatewaySettledAmount: null, gatewayExchangeRate: null };
}

function feeOf(entity: GatewayTransactionEntity): GatewayFee | null {
  if (entity.gatewayFeeAmount === null || entity.gatewayFeeCurrency === null) return null;
  const fee = { amount: Number(entity.gatewayFeeAmount), currency: entity.gatewayFeeCurrency };
  if (entity.gatewaySettledAmount === null || entity.gatewayExchangeRate === null) return fee;
  return { ...fee, settlement: { amount: Number(entity.gatewaySettledAmount), currency: entity.gatewayFeeCurrency, exchangeRate: entity.gatewayExchangeRate } };
}

function toCardDetails(entity: GatewayTransactionEntity): CardDetails {
  return {
    brand: entity.cardBrand ?? 'unknown',
    last4: entity.cardLast4 ?? '',
    exp_month: entity.cardExpMonth ?? 0,
    exp_year: entity.cardExpYear ?? 0,
    funding: entity.cardFunding ?? 'unknown',
    country: entity.cardCountry,
    fingerprint: entity.cardFingerprint ?? '',
  };
}
