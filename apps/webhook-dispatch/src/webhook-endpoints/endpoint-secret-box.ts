import { SecretBox } from '@payrail/signing';

/** Endpoint signing secrets are sealed under their own purpose, bound to the endpoint's id. */
export function endpointSecretBox(secretsKey: string): SecretBox {
  return SecretBox.fromRootKey(secretsKey, 'webhooks/endpoint-secrets');
}
