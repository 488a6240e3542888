import { Patterns } from './patterns.js';
import { ServiceNames, type ServiceName } from './services.js';

/** The readiness probe each backend service answers once its migrations ran and its handlers listen. */
export const PING_PATTERNS = {
  [ServiceNames.Auth]: Patterns.AuthPing,
  [ServiceNames.Payments]: Patterns.PaymentsPing,
  [ServiceNames.Refunds]: Patterns.RefundsPing,
  [ServiceNames.Ledger]: Patterns.LedgerPing,
  [ServiceNames.GatewayConnectors]: Patterns.ConnectorsPing,
  [ServiceNames.WebhookDispatch]: Patterns.WebhooksPing,
} as const satisfies Partial<Record<ServiceName, string>>;
