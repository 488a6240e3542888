export * from './secrets.js';
export * from './hmac.js';
export * from './webhook-signature.js';
export * from './webhook-schemes.js';
export * from './request-signature.js';
export * from './passwords.js';
export * from './secret-box.js';
export * from './card-fingerprint.js';
