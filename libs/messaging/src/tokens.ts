export const MESSAGE_BROKER = Symbol('MESSAGE_BROKER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Whether the outbox relay publishes (false only where a test strands events in the outbox). */
export const OUTBOX_RELAY_ENABLED = Symbol('OUTBOX_RELAY_ENABLED');
/** Days a handled event's inbox row is kept (PAYRAIL_INBOX_RETENTION_DAYS); the purger's default when not provided. */
export const INBOX_RETENTION_DAYS = Symbol('INBOX_RETENTION_DAYS');
