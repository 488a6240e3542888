import { SecretBox } from '@payrail/signing';

/**
 * Seals a gateway account's credentials and webhook secret under PAYRAIL_SECRETS_KEY, each kind under
 * its own derived key, bound to the account id: a sealed value copied onto another account fails to open.
 */
export class GatewayAccountSecrets {
  private readonly credentials: SecretBox;
  private readonly webhookSecrets: SecretBox;

  constructor(secretsKey: string) {
    this.credentials = SecretBox.fromRootKey(secretsKey, 'connectors/gateway-credentials');
    this.webhookSecrets = SecretBox.fromRootKey(secretsKey, 'connectors/gateway-webhook-secrets');
  }

  sealCredentials(accountId: string, credentials: Readonly<Record<string, string>>): string {
    return this.credentials.seal(JSON.stringify(credentials), accountId);
  }

  openCredentials(accountId: string, sealed: string): Readonly<Record<string, string>> {
    return Object.freeze(JSON.parse(this.credentials.open(sealed, accountId)) as Record<string, string>);
  }

  sealWebhookSecret(accountId: string, secret: string): string {
    return this.webhookSecrets.seal(secret, accountId);
  }

  openWebhookSecret(accountId: string, sealed: string): string {
    return this.webhookSecrets.open(sealed, accountId);
  }
}
