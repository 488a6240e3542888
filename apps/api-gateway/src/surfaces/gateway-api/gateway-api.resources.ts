import { ApiProperty } from '@nestjs/swagger';
import type { CheckoutTransactionStatus, CircuitState } from '@payrail/contracts';

/** A transaction (a Checkout Session, `cs_…`) in the gateway API document's terms; amounts in major units. */
export class GatewayApiTransaction {
  transaction_id: string;
  order_id: string | null;
  amount: number;
  /** Upper case (`INR`). */
  currency: string;
  status: CheckoutTransactionStatus;
  refunded_amount: number;
  payment_method: string | null;
  /** The hosted payment page; absent once the session has none. */
  payment_url?: string;
  /** `2026-06-18 20:00:00`, UTC. */
  created_at: string;
}

export class GatewayApiCreatedPayment {
  transaction_id: string;
  order_id: string | null;
  amount: number;
  currency: string;
  status: CheckoutTransactionStatus;
  payment_url: string | null;
}

/** `POST /api/v1/pay`. */
export class GatewayApiPayResource {
  success: true;
  message: string;
  data: GatewayApiCreatedPayment;
}

/** `GET /api/v1/transaction/{id}`. */
export class GatewayApiTransactionResource {
  success: true;
  data: GatewayApiTransaction;
}

export class GatewayApiRefund {
  refund_id: string;
  transaction_id: string;
  amount: number;
  currency: string;
  reason: string | null;
  status: 'pending' | 'success' | 'failed';
}

/** `POST /api/v1/refund`. */
export class GatewayApiRefundResource {
  success: true;
  message: string;
  data: GatewayApiRefund;
}

export class GatewayApiProfile {
  /** The merchant's account id. */
  client_id: string;
  name: string;
  email: string | null;
  country: string | null;
  default_currency: string | null;
  mode: 'live' | 'test';
  /** `2026-06-18 20:00:00`, UTC. */
  created_at: string;
}

/** `GET /api/v1/client/profile`. */
export class GatewayApiProfileResource {
  success: true;
  data: GatewayApiProfile;
}

export class GatewayApiKeyPair {
  /** The new signing key's id (`hk_…`), to send in `X-API-KEY`. */
  api_key: string;
  /** Its signing secret, shown this once. */
  secret_key: string;
}

/** `POST /api/v1/api-keys/regenerate`. */
export class GatewayApiKeysResource {
  success: true;
  message: string;
  data: GatewayApiKeyPair;
}

/** One currency's numbers on the dashboard, in major units. */
export class GatewayApiCurrencyTotals {
  total_transactions: number;
  total_success: number;
  total_failed: number;
  total_amount: number;
  commission_amount: number;
  currency: string;
}

export class GatewayApiDashboard {
  total_transactions: number;
  total_success: number;
  total_failed: number;
  total_amount: number;
  commission_amount: number;
  /** The currency asked for, else the one with the most transactions; null with none. */
  currency: string | null;
  currencies: GatewayApiCurrencyTotals[];
  /** Unix seconds: the range `[from, to)`. */
  from: number;
  to: number;
}

/** `GET /api/v1/client/dashboard`. */
export class GatewayApiDashboardResource {
  success: true;
  data: GatewayApiDashboard;
}

export class GatewayApiGateway {
  gateway: string;
  status: 'active';
  payment_methods: string[];
  /** Upper case; `*` for any. */
  currencies: string[];
  refunds: boolean;
}

/** `GET /api/v1/gateways`: the gateways the caller can route payments to now. */
export class GatewayApiGatewaysResource {
  success: true;
  data: GatewayApiGateway[];
}

export class GatewayApiGatewayHealth {
  gateway: string;
  gateway_account: string;
  enabled: boolean;
  status: 'operational' | 'degraded' | 'down';
  reason: string | null;
  /** Percentage of the last 24 hours; null without any calls or probes. */
  uptime: number | null;
  /** Over the last 60 minutes; null without calls. */
  success_rate: number | null;
  /** Median over the last 60 minutes; null without calls. */
  latency_ms: number | null;
  circuit: CircuitState;
}

/** `GET /api/v1/gateways/health`: per gateway account of the caller. */
export class GatewayApiGatewaysHealthResource {
  success: true;
  data: GatewayApiGatewayHealth[];
}

/** The gateway API document's error body; `code` repeats the HTTP status. */
export class GatewayApiErrorResource {
  success: false;
  message: string;
  code: number;
}

/** The document's 422: the fields at fault, each with its messages (`metadata.product_id` for nested ones). */
export class GatewayApiValidationErrorResource {
  success: false;
  message: 'Validation failed';
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } })
  errors: Record<string, string[]>;
  code: 422;
}
