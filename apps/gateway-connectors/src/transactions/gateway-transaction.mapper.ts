import type { AuthorizeOutcome, AuthorizePaymentResult, CardDetails, GatewayTransactionRecorded, RefundPaymentResult, SettlePaymentResult } from '@payrail/contracts';
import type { ConnectorRoute } from '../routing/connector-registry.js';
import type { GatewayTransactionEntity } from './gateway-transaction.entity.js';

/** The route an authorisation went through: its 3D Secure completion, capture, void and refunds go the same way. */
export function routeOf(authorization: GatewayTransactionEntity): ConnectorRoute {
  return { gateway: authorization.connector, gatewayAccountId: authorization.gatewayAccountId };
}

/** A stored authorisation as payments receives it: the first answer and every replay are the same. */
export function toAuthorizeResult(entity: GatewayTransactionEntity): AuthorizePaymentResult {
  return {
    outcome: authorizeOutcome(entity),
    connector: entity.connector,
    gatewayReference: entity.id,
    card: toCardDetails(entity),
    networkStatus: entity.networkStatus ?? 'not_sent_to_network',
    riskLevel: entity.riskLevel ?? 'normal',
    sellerMessage: entity.sellerMessage ?? '',
    ...(entity.failureCode !== null ? { failureCode: entity.failureCode } : {}),
    ...(entity.declineCode !== null ? { declineCode: entity.declineCode } : {}),
    ...(entity.failureMessage !== null ? { failureMessage: entity.failureMessage } : {}),
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
  };
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
