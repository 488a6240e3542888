export * from './processes.js';
export * from './platform-under-test.js';
export * from './merchants.js';
export * from './webhook-receiver.js';
export * from './stripe-client.js';
export * from './test-database.js';
export * from './refusal.js';
export * from './bus-requests.js';
