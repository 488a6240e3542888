export * from './money/currencies.js';
export * from './money/money.js';
export * from './ids/ids.js';
export * from './metadata/metadata.js';
export * from './payment-intents/payment-intent-status.js';
export * from './payment-intents/capture-amount.js';
export * from './payment-intents/metadata-update.js';
