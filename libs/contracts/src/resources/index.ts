export * from './list.js';
export * from './payment-intent.resource.js';
export * from './charge.resource.js';
export * from './refund.resource.js';
export * from './webhook-endpoint.resource.js';
export * from './event.resource.js';
export * from './payment-method.resource.js';
export * from './customer.resource.js';
