/**
 * Every topic name, once. Topic names carry a version and are never renamed: a breaking change to an
 * event's shape goes out on a new topic while consumers of the old one drain.
 */
export const Topics = {
  PaymentsEvents: 'payments.events.v1',
  RefundsEvents: 'refunds.events.v1',
  ConnectorsEvents: 'connectors.events.v1',
  AuthEvents: 'auth.events.v1',
  /** Notices of public events (`evt_`) recorded by webhook-dispatch, keyed by merchant: what wakes the live event streams. */
  RecordedEvents: 'webhooks.recorded-events.v1',
  LedgerEvents: 'ledger.events.v1',
  /**
   * Payments → webhook-dispatch only: where a gateway API transaction's notifications go and which
   * PaymentIntent it pays with. Internal (it names the signing key): never a merchant's event.
   */
  CheckoutNotifications: 'payments.checkout-notifications.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];
