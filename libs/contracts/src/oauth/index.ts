export * from './oauth-scopes.js';
