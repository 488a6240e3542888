export * from './error-codes.js';
export * from './payrail-error.js';
export * from './error-envelope.js';
export * from './http-exception.filter.js';
export * from './validation-exception.factory.js';
