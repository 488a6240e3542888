import type { CreateWebhookEndpointParams } from '@payrail/contracts';
import { validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { DEFAULT_WEBHOOK_SIGNATURE_SCHEME, isWebhookSignatureScheme, WEBHOOK_SIGNATURE_SCHEMES, type WebhookSignatureScheme } from '@payrail/signing';
import { isSubscribable } from '../events/event-types.js';
import { EVENT_API_VERSION } from '../events/event.mapper.js';
import { destinationScope, refusedHostname } from './url-policy.js';

const MAX_URL_LENGTH = 2048;
const MAX_DESCRIPTION_LENGTH = 5000;
/** The API versions events can be rendered in. */
export const SUPPORTED_API_VERSIONS: readonly string[] = [EVENT_API_VERSION];
/** Bounds of a custom retry schedule: enough for Stripe's three days, not enough to keep a queue for weeks. */
export const RETRY_SCHEDULE_LIMITS = { maxRetries: 20, maxDelaySeconds: 3 * 86_400, maxTotalSeconds: 7 * 86_400 } as const;

export interface CheckedCreateWebhookEndpoint {
  url: string;
  enabledEvents: string[];
  description: string | null;
  metadata: Record<string, string>;
  apiVersion: string | null;
  signatureScheme: WebhookSignatureScheme;
  retrySchedule: number[] | null;
}

/**
 * Refuses a malformed endpoint with Stripe's codes, naming the parameter at fault. `allowPrivateNetworks`
 * is the operator's opt-in for test-mode endpoints on loopback and private networks.
 */
export function checkCreateWebhookEndpoint(
  params: CreateWebhookEndpointParams,
  livemode: boolean,
  allowPrivateNetworks: boolean,
): CheckedCreateWebhookEndpoint {
  const url = checkUrl(params.url, livemode, allowPrivateNetworks);
  const enabledEvents = checkEnabledEvents(params.enabled_events);
  checkDescription(params.description);
  const metadata = checkMetadata(params.metadata ?? {});
  if (params.api_version !== undefined && !SUPPORTED_API_VERSIONS.includes(params.api_version)) {
    throw new PayrailError('parameter_invalid', `Invalid api_version: must be one of ${SUPPORTED_API_VERSIONS.join(', ')}.`, { param: 'api_version' });
  }
  const signatureScheme = params.signature_scheme ?? DEFAULT_WEBHOOK_SIGNATURE_SCHEME;
  if (!isWebhookSignatureScheme(signatureScheme)) {
    throw new PayrailError('parameter_invalid', `Invalid signature_scheme: must be one of ${WEBHOOK_SIGNATURE_SCHEMES.join(', ')}.`, {
      param: 'signature_scheme',
    });
  }
  return {
    url,
    enabledEvents,
    description: params.description ?? null,
    metadata,
    apiVersion: params.api_version ?? null,
    signatureScheme,
    retrySchedule: checkRetrySchedule(params.retry_schedule),
  };
}

export function checkUrl(value: string | undefined, livemode: boolean, allowPrivateNetworks: boolean): string {
  if (value === undefined || value === '') {
    throw new PayrailError('parameter_missing', 'Missing required param: url.', { param: 'url' });
  }
  const invalid = (reason: string) => new PayrailError('parameter_invalid', `Invalid URL: ${reason}`, { param: 'url' });
  if (value.length > MAX_URL_LENGTH) throw invalid(`must be a string of at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('must be an absolute URL with an explicit scheme, such as https://example.com/webhooks.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('the scheme must be http or https.');
  // fetch refuses URLs that carry credentials, so such an endpoint could never be delivered to.
  if (url.username || url.password) throw invalid('must not contain a user name or password.');
  if (livemode && url.protocol !== 'https:') throw invalid('must use https in live mode.');
  const refused = refusedHostname(url.hostname, destinationScope(livemode, allowPrivateNetworks));
  if (refused) throw invalid(`must be publicly accessible${livemode ? ' in live mode' : ''}; the host is ${refused}.`);
  return value;
}

export function checkEnabledEvents(value: string[] | undefined): string[] {
  if (value === undefined) {
    throw new PayrailError('parameter_missing', 'Missing required param: enabled_events.', { param: 'enabled_events' });
  }
  if (value.length === 0) {
    throw new PayrailError('parameter_invalid', 'Invalid enabled_events: must be a non-empty array of event types, or ["*"].', { param: 'enabled_events' });
  }
  const unknown = value.find((type) => !isSubscribable(type));
  if (unknown !== undefined) {
    throw new PayrailError('parameter_invalid', `Invalid enabled_events: ${String(unknown)} is not an event type you can subscribe to.`, {
      param: 'enabled_events',
    });
  }
  return [...new Set(value)];
}

export function checkDescription(value: string | undefined): void {
  if (value !== undefined && value.length > MAX_DESCRIPTION_LENGTH) {
    throw new PayrailError('parameter_invalid', `Invalid description: must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters.`, { param: 'description' });
  }
}

export function checkMetadata(metadata: Record<string, string>): Record<string, string> {
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
  return metadata;
}

/** Delays in seconds before each retry; `undefined` or empty means the platform's default (`null`). */
export function checkRetrySchedule(value: number[] | undefined): number[] | null {
  if (value === undefined || value.length === 0) return null;
  const { maxRetries, maxDelaySeconds, maxTotalSeconds } = RETRY_SCHEDULE_LIMITS;
  const invalid = (reason: string) => new PayrailError('parameter_invalid', `Invalid retry_schedule: ${reason}`, { param: 'retry_schedule' });
  if (value.length > maxRetries) throw invalid(`at most ${maxRetries} retries.`);
  if (value.some((delay) => !Number.isInteger(delay) || delay < 1 || delay > maxDelaySeconds)) {
    throw invalid(`each delay must be a whole number of seconds from 1 to ${maxDelaySeconds}.`);
  }
  if (value.reduce((sum, delay) => sum + delay, 0) > maxTotalSeconds) throw invalid(`the delays may add up to at most ${maxTotalSeconds} seconds.`);
  return [...value];
}
