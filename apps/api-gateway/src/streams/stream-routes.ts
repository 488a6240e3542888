import { Access } from '../authentication/access.decorator.js';

/**
 * The streams' authentication policies, declared as a controller's routes declare theirs, so that the
 * edge's own guard (AuthenticationGuard) decides who may open a stream exactly as it decides for HTTP.
 * The methods are never called; their decorators are read.
 */
export class StreamRoutes {
  /** `/v1/events/stream`: a secret key, a signed request or an access token with `payments:read`. */
  @Access({ scope: 'payments:read' })
  events(): void {}

  /** `/v1/payment_intents/{id}/stream`: as retrieving the intent, a publishable key with its client secret too. */
  @Access({ scope: 'payments:read', publishableKey: true })
  paymentIntent(): void {}
}

export type StreamRoute = 'events' | 'paymentIntent';
