export const MESSAGE_BROKER = Symbol('MESSAGE_BROKER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Whether the outbox relay publishes (false only where a test strands events in the outbox). */
export const OUTBOX_RELAY_ENABLED = Symbol('OUTBOX_RELAY_ENABLED');
