import type { CreateWebhookEndpointParams } from '@payrail/contracts';
import { validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { isSubscribable } from '../events/event-types.js';
import { destinationScope, refusedHostname } from './url-policy.js';

const MAX_URL_LENGTH = 2048;
const MAX_DESCRIPTION_LENGTH = 5000;

export interface CheckedCreateWebhookEndpoint {
  url: string;
  enabledEvents: string[];
  description: string | null;
  metadata: Record<string, string>;
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
  if (params.description !== undefined && params.description.length > MAX_DESCRIPTION_LENGTH) {
    throw new PayrailError('parameter_invalid', `Invalid description: must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters.`, { param: 'description' });
  }
  const metadata = params.metadata ?? {};
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
  return { url, enabledEvents, description: params.description ?? null, metadata };
}

function checkUrl(value: string | undefined, livemode: boolean, allowPrivateNetworks: boolean): string {
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

function checkEnabledEvents(value: string[] | undefined): string[] {
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
