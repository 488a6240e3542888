export * from './common.payloads.js';
export * from './auth.payloads.js';
export * from './payments.payloads.js';
export * from './customers.payloads.js';
export * from './payment-methods.payloads.js';
export * from './connectors.payloads.js';
export * from './refunds.payloads.js';
export * from './webhooks.payloads.js';
