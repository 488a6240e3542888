import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { AUTH_SCHEMA } from './auth.schema.js';
import { MerchantEntity } from './merchants/merchant.entity.js';
import { UserEntity } from './merchants/user.entity.js';
import { CreateAuthTables1764000000000 } from './migrations/1764000000000-CreateAuthTables.js';
import { AddApiKeyNames1764600000000 } from './migrations/1764600000000-AddApiKeyNames.js';
import { OAuthClientEntity } from './oauth-clients/oauth-client.entity.js';
import { SigningKeyEntity } from './signing-keys/signing-key.entity.js';
import { CreateOAuthSigningKeys1764400000000 } from './migrations/1764400000000-CreateOAuthSigningKeys.js';
import { JwtSigningKeyEntity } from './oauth/jwt-signing-key.entity.js';
import { CreateUserSessions1764700000000 } from './migrations/1764700000000-CreateUserSessions.js';
import { RefreshTokenEntity } from './oauth/refresh-tokens/refresh-token.entity.js';
import { RevokedAccessTokenEntity } from './oauth/revocation/revoked-access-token.entity.js';
import { CreateRevokedSubjects1764800000000 } from './migrations/1764800000000-CreateRevokedSubjects.js';
import { AddLoginAttemptWindows1764910000000 } from './migrations/1764910000000-AddLoginAttemptWindows.js';
import { RevokedSubjectEntity } from './oauth/revocation/revoked-subject.entity.js';
import { AddMerchantSuspension1767300000000 } from './migrations/1767300000000-AddMerchantSuspension.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';

/** What the auth DataSource is opened with, by the Nest module and by the bootstrap CLI alike. */
export function authDatabaseOptions(url: string) {
  return {
    url,
    schema: AUTH_SCHEMA,
    entities: [
      MerchantEntity,
      UserEntity,
      ApiKeyEntity,
      OAuthClientEntity,
      SigningKeyEntity,
      JwtSigningKeyEntity,
      RefreshTokenEntity,
      RevokedAccessTokenEntity,
      RevokedSubjectEntity,
    ],
    migrations: [
      CreateAuthTables1764000000000,
      AddApiKeyNames1764600000000,
      CreateOAuthSigningKeys1764400000000,
      CreateUserSessions1764700000000,
      CreateRevokedSubjects1764800000000,
      AddLoginAttemptWindows1764910000000,
      AddMerchantSuspension1767300000000,
      IndexInboxHandledAt1769600000000,
    ],
  };
}
