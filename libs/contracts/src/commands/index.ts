export * from './payments.commands.js';
export * from './refunds.commands.js';
export * from './webhooks.commands.js';
export * from './auth.commands.js';
export * from './connectors.commands.js';
