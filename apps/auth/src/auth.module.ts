import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { loadTogether, MessagingModule, type ServiceRuntime } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { AccountsModule } from './accounts/accounts.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { authDatabaseOptions } from './auth.database.js';
import { AuthConfigModule } from './config/auth-config.module.js';
import { loadAuthConfig } from './config/auth.config.js';
import { HealthModule } from './health/health.module.js';
import { LoginModule } from './login/login.module.js';
import { loginThrottlePoliciesFromEnv } from './login-throttle/login-throttle.config.js';
import { OAuthConfig } from './oauth/oauth.config.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { OAuthClientsModule } from './oauth-clients/oauth-clients.module.js';
import { SigningKeysModule } from './signing-keys/signing-keys.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AuthModule {
  /** Fails fast, naming the variable, when the pepper or the secrets key is missing or short, or a setting is invalid. */
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const [auth, oauth, loginThrottle] = loadTogether(
      () => loadAuthConfig(runtime.env),
      () => OAuthConfig.fromEnv(runtime.env),
      () => loginThrottlePoliciesFromEnv(runtime.env),
    );
    const configuration = { auth, oauth, loginThrottle };
    return {
      module: AuthModule,
      imports: [
        DatabaseModule.forRoot(authDatabaseOptions(runtime.databaseUrl)),
        MessagingModule.forService({ service: ServiceNames.Auth, broker: runtime.broker, outboxRelay: runtime.outboxRelay, metrics: runtime.metrics }),
        AuthConfigModule.forRoot(configuration),
        ApiKeysModule,
        AccountsModule,
        HealthModule,
        SigningKeysModule,
        OAuthModule,
        LoginModule,
        UsersModule,
        OAuthClientsModule,
      ],
    };
  }
}
