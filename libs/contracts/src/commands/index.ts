export * from './payments.commands.js';
export * from './refunds.commands.js';
export * from './webhooks.commands.js';
export * from './auth.commands.js';
export * from './connectors.commands.js';
export * from './payment-methods.commands.js';
export * from './customers.commands.js';
export * from './expand.commands.js';
