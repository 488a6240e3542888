import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoginThrottlePolicies } from '../login-throttle/login-throttle.policy.js';
import { OAuthConfig } from '../oauth/oauth.config.js';
import { AuthConfig } from './auth.config.js';

/** The auth service's configuration, validated at boot, made injectable in every feature module. */
export interface AuthConfiguration {
  auth: AuthConfig;
  oauth: OAuthConfig;
  loginThrottle: LoginThrottlePolicies;
}

@Global()
@Module({})
export class AuthConfigModule {
  static forRoot(configuration: AuthConfiguration): DynamicModule {
    return {
      module: AuthConfigModule,
      providers: [
        { provide: AuthConfig, useValue: configuration.auth },
        { provide: OAuthConfig, useValue: configuration.oauth },
        { provide: LoginThrottlePolicies, useValue: configuration.loginThrottle },
      ],
      exports: [AuthConfig, OAuthConfig, LoginThrottlePolicies],
    };
  }
}
