import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthConfig } from './auth.config.js';

/** Makes the validated configuration injectable as `AuthConfig` in every feature module. */
@Global()
@Module({})
export class AuthConfigModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return { module: AuthConfigModule, providers: [{ provide: AuthConfig, useValue: config }], exports: [AuthConfig] };
  }
}
