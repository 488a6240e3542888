import { Topics } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent } from '@payrail/messaging';
import { hashPassword } from '@payrail/signing';
import type { DataSource } from 'typeorm';
import { issueApiKey } from '../api-keys/api-key-issuer.js';
import { ApiKeysRepository } from '../api-keys/api-keys.repository.js';
import { SecretBox } from '@payrail/signing';
import { SIGNING_SECRET_PURPOSE } from '../signing-keys/signing-key-issuer.js';
import { MerchantEntity } from '../merchants/merchant.entity.js';
import { MerchantsRepository } from '../merchants/merchants.repository.js';
import { UserEntity } from '../merchants/user.entity.js';
import { DEFAULT_CLIENT_SCOPES, issueOAuthClient } from '../oauth-clients/oauth-client-issuer.js';
import { OAuthClientsRepository } from '../oauth-clients/oauth-clients.repository.js';
import { issueSigningKey } from '../signing-keys/signing-key-issuer.js';
import { SigningKeysRepository } from '../signing-keys/signing-keys.repository.js';
import { AuthOutboxRepository } from './auth-outbox.repository.js';
import { normalizeBootstrapInput } from './bootstrap-input.js';
import type { BootstrapMerchantInput, MerchantCredentials } from './merchant-credentials.js';

const MIN_DEPLOYMENT_KEY_LENGTH = 32;

/**
 * Creates a merchant with everything it needs to start in test mode, in one transaction: its owner
 * user, a secret and a publishable test key, an OAuth client and a test signing key, and the
 * `merchant.created` event in the outbox. The plaintext credentials are returned here and only here.
 */
export async function bootstrapMerchant(
  dataSource: DataSource,
  pepper: string,
  secretsKey: string,
  input: BootstrapMerchantInput,
): Promise<MerchantCredentials> {
  if (typeof pepper !== 'string' || pepper.length < MIN_DEPLOYMENT_KEY_LENGTH) {
    throw new Error(`The API key pepper must be at least ${MIN_DEPLOYMENT_KEY_LENGTH} characters`);
  }
  const { name, email, username, password } = normalizeBootstrapInput(input);
  const box = SecretBox.fromRootKey(secretsKey, SIGNING_SECRET_PURPOSE);
  const now = new Date();
  const merchantId = newId('mch');
  const livemode = false;

  // Everything slow (scrypt) or random happens before the transaction opens: the embedded database
  // runs one transaction at a time.
  const merchant = Object.assign(new MerchantEntity(), { id: merchantId, name, email, createdAt: now, suspendedAt: null, suspensionReason: null });
  const owner = Object.assign(new UserEntity(), {
    id: newId('usr'),
    merchantId,
    username,
    passwordHash: await hashPassword(password),
    role: 'owner' as const,
    createdAt: now,
  });
  const secretKey = issueApiKey({ pepper, merchantId, type: 'secret', livemode, now });
  const publishableKey = issueApiKey({ pepper, merchantId, type: 'publishable', livemode, now });
  const liveSecretKey = input.live ? issueApiKey({ pepper, merchantId, type: 'secret', livemode: true, now }) : undefined;
  const client = issueOAuthClient({ pepper, merchantId, name: `${name} (default)`, scopes: DEFAULT_CLIENT_SCOPES, now });
  const signingKey = issueSigningKey({ box, merchantId, livemode, now });
  const event = newEvent('merchant.created', { merchantId, livemode }, merchantId, { id: merchantId, name });

  const merchants = new MerchantsRepository();
  const apiKeys = new ApiKeysRepository(dataSource);
  const clients = new OAuthClientsRepository();
  const signingKeys = new SigningKeysRepository();
  const outbox = new AuthOutboxRepository();
  await dataSource.transaction(async (manager) => {
    await merchants.insertMerchant(manager, merchant);
    if (!(await merchants.insertUser(manager, owner))) {
      throw new PayrailError('parameter_invalid', `The username '${username}' is already taken.`, { param: 'username' });
    }
    await apiKeys.insert(manager, secretKey.entity);
    await apiKeys.insert(manager, publishableKey.entity);
    if (liveSecretKey) await apiKeys.insert(manager, liveSecretKey.entity);
    await clients.insert(manager, client.entity);
    await signingKeys.insert(manager, signingKey.entity);
    await outbox.publish(manager, Topics.AuthEvents, event);
  });

  return {
    merchant_id: merchantId,
    secret_key: secretKey.key,
    publishable_key: publishableKey.key,
    client_id: client.entity.id,
    client_secret: client.clientSecret,
    username,
    password,
    signing_key: signingKey.entity.id,
    signing_secret: signingKey.signingSecret,
    ...(liveSecretKey ? { live_secret_key: liveSecretKey.key } : {}),
  };
}
