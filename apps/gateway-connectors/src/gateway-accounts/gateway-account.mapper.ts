import type { GatewayAccountResource, GatewayResource } from '@payrail/contracts';
import type { ConnectorFactory } from '../routing/payment-connector.js';
import type { GatewayAccountEntity } from './gateway-account.entity.js';

/** The API's view of an account: hints of its secrets, never the secrets. */
export function toGatewayAccountResource(entity: GatewayAccountEntity, publicUrl: string | undefined): GatewayAccountResource {
  return {
    id: entity.id,
    object: 'gateway_account',
    gateway: entity.gateway,
    livemode: entity.livemode,
    enabled: entity.enabled,
    credentials: entity.credentialHints,
    webhook_secret: entity.webhookSecretHint,
    callback_url: callbackUrl(publicUrl, entity.gateway, entity.id),
    metadata: entity.metadata,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    updated: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}

/**
 * Where the gateway is to send this account's callbacks. With PAYRAIL_PUBLIC_URL set it is absolute;
 * without it, a path that the edge completes with the host the API was called on (as payment links are).
 */
export function callbackUrl(publicUrl: string | undefined, gateway: string, accountId: string): string {
  const base = (publicUrl ?? '').replace(/\/+$/, '');
  return `${base}/v1/callbacks/${encodeURIComponent(gateway)}/${encodeURIComponent(accountId)}`;
}

export function toGatewayResource(factory: ConnectorFactory, configured: boolean): GatewayResource {
  const capabilities = factory.capabilities;
  return {
    id: factory.gateway,
    object: 'gateway',
    capabilities: {
      payment_method_types: [...capabilities.paymentMethodTypes],
      currencies: [...capabilities.currencies],
      countries: [...capabilities.countries],
      manual_capture: capabilities.manualCapture,
      partial_capture: capabilities.partialCapture,
      refunds: capabilities.refunds,
      partial_refunds: capabilities.partialRefunds,
      three_d_secure: capabilities.threeDSecure,
    },
    credential_fields: [...factory.credentialFields],
    configured,
  };
}
