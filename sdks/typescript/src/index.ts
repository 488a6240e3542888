export { Payrail, type PayrailOptions } from './client.js';
export { ApiKeyAuthenticator } from './auth/api-key.js';
export type { Authenticator, OutgoingRequest } from './auth/authenticator.js';
export { OAuthAuthenticator, type OAuthClientCredentials } from './auth/oauth-client-credentials.js';
export { SignedRequestAuthenticator, canonicalRequest, type SigningKey } from './auth/signed-request.js';
export {
  ApiError, AuthenticationError, CardError, ConnectionError, IdempotencyError, InvalidRequestError, PayrailError,
  PermissionError, RateLimitError, type ErrorBody,
} from './errors.js';
export { createTransport, type TransportOptions } from './http/transport.js';
export type { RetryOptions } from './http/retry-policy.js';
export { withIdempotencyKey } from './idempotency.js';
export { streamEvents, type EventStreamOptions } from './events/event-stream.js';
export { paginate, type ListPage } from './pagination.js';
export { verifyWebhook, WebhookSignatureError, type VerifyWebhookOptions, type WebhookSignatureScheme } from './webhooks/verify-webhook.js';
export { SDK_VERSION } from './version.js';
export * from './generated/index.js';
