import { AllowPublishableKey } from '../authentication/allow-publishable-key.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';

/**
 * The streams' authentication policies, declared as a controller's routes declare theirs, so that the
 * edge's own guard (ApiKeyGuard) decides who may open a stream exactly as it decides for HTTP.
 * The methods are never called; their decorators are read.
 */
export class StreamRoutes {
  /** `/v1/events/stream`: a secret key, a signed request or an access token with `payments:read`. */
  @RequiresScope('payments:read')
  events(): void {}

  /** `/v1/payment_intents/{id}/stream`: as retrieving the intent, a publishable key with its client secret too. */
  @RequiresScope('payments:read')
  @AllowPublishableKey()
  paymentIntent(): void {}
}

export type StreamRoute = 'events' | 'paymentIntent';
