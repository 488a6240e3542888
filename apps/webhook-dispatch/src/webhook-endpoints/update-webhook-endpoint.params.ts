import type { RotateWebhookEndpointSecretParams, UpdateWebhookEndpointParams } from '@payrail/contracts';
import { mergeMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { checkDescription, checkEnabledEvents, checkMetadata, checkRetrySchedule, checkUrl } from './create-webhook-endpoint.params.js';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

/** What an update may change on an endpoint; each field present only when the caller gave it. */
export type EndpointUpdate = Partial<Pick<WebhookEndpointEntity, 'url' | 'enabledEvents' | 'description' | 'metadata' | 'status' | 'retrySchedule'>>;

/** Checks an update against the endpoint as it is (metadata merges); refuses with the parameter named. */
export function checkUpdateWebhookEndpoint(
  current: WebhookEndpointEntity,
  params: UpdateWebhookEndpointParams,
  allowPrivateNetworks: boolean,
): EndpointUpdate {
  const update: EndpointUpdate = {};
  if (params.url !== undefined) update.url = checkUrl(params.url, current.livemode, allowPrivateNetworks);
  if (params.enabled_events !== undefined) update.enabledEvents = checkEnabledEvents(params.enabled_events);
  if (params.description !== undefined) {
    checkDescription(params.description);
    update.description = params.description === '' ? null : params.description;
  }
  if (params.metadata !== undefined) update.metadata = checkMetadata(mergeMetadata(current.metadata, params.metadata));
  if (params.disabled !== undefined) update.status = params.disabled ? 'disabled' : 'enabled';
  if (params.retry_schedule !== undefined) update.retrySchedule = checkRetrySchedule(params.retry_schedule);
  return update;
}

/** Stripe lets a rolled secret live on for up to a week. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 86_400;
export const DEFAULT_SECRET_OVERLAP_SECONDS = 86_400;

export function checkSecretOverlap(params: RotateWebhookEndpointSecretParams): number {
  const seconds = params.expires_in ?? DEFAULT_SECRET_OVERLAP_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SECRET_OVERLAP_SECONDS) {
    throw new PayrailError('parameter_invalid', `Invalid expires_in: must be a whole number of seconds from 0 to ${MAX_SECRET_OVERLAP_SECONDS}.`, {
      param: 'expires_in',
    });
  }
  return seconds;
}
