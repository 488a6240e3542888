import type { Provider } from '@nestjs/common';
import { AuthenticationGuard } from '../authentication/authentication.guard.js';
import { EventsStream } from './events-stream.js';
import { PaymentIntentStream } from './payment-intent-stream.js';
import { RecordedEventFeed } from './recorded-event-feed.js';
import { StreamAuthenticator } from './stream-authenticator.js';
import { STREAM_LIMITS, StreamServer } from './stream-server.js';
import type { StreamLimits } from './stream-connection.js';

/**
 * The live streams (`/v1/events/stream`, `/v1/payment_intents/{id}/stream`): provided by the edge's own
 * module, beside its guard, which authenticates upgrades as it does HTTP requests.
 */
export function streamProviders(limits: StreamLimits): Provider[] {
  return [{ provide: STREAM_LIMITS, useValue: limits }, AuthenticationGuard, StreamAuthenticator, RecordedEventFeed, EventsStream, PaymentIntentStream, StreamServer];
}
