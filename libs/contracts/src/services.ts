/** The seven services. A service name is its consumer group id; each owns one Postgres schema (see its module). */
export const ServiceNames = {
  ApiGateway: 'api-gateway',
  Auth: 'auth',
  Payments: 'payments',
  Refunds: 'refunds',
  Ledger: 'ledger',
  GatewayConnectors: 'gateway-connectors',
  WebhookDispatch: 'webhook-dispatch',
} as const;

export type ServiceName = (typeof ServiceNames)[keyof typeof ServiceNames];

/** Services reached over the transport (the edge is only a client). */
export const BACKEND_SERVICES: readonly ServiceName[] = [
  ServiceNames.Auth,
  ServiceNames.Payments,
  ServiceNames.Refunds,
  ServiceNames.Ledger,
  ServiceNames.GatewayConnectors,
  ServiceNames.WebhookDispatch,
];
