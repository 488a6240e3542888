/** Every request/reply message pattern, once. Like topics, a pattern is never renamed. */
export const Patterns = {
  AuthPing: 'auth.ping',
  AuthApiKeyVerify: 'auth.api-key.verify',

  PaymentsPing: 'payments.ping',
  PaymentIntentCreate: 'payments.intent.create',
  PaymentIntentRetrieve: 'payments.intent.retrieve',
  PaymentIntentList: 'payments.intent.list',
  PaymentIntentConfirm: 'payments.intent.confirm',
  ChargeForRefund: 'payments.charge.for-refund',

  RefundsPing: 'refunds.ping',
  RefundCreate: 'refunds.refund.create',
  RefundRetrieve: 'refunds.refund.retrieve',
  RefundList: 'refunds.refund.list',

  ConnectorsPing: 'connectors.ping',
  ConnectorAuthorize: 'connectors.payment.authorize',
  ConnectorRefund: 'connectors.refund.execute',

  WebhooksPing: 'webhooks.ping',
  WebhookEndpointCreate: 'webhooks.endpoint.create',
  WebhookEndpointRetrieve: 'webhooks.endpoint.retrieve',
  WebhookEndpointList: 'webhooks.endpoint.list',
  WebhookEndpointDelete: 'webhooks.endpoint.delete',
  EventRetrieve: 'webhooks.event.retrieve',
  EventList: 'webhooks.event.list',
} as const;

export type Pattern = (typeof Patterns)[keyof typeof Patterns];
