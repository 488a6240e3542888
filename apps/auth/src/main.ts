import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { AuthModule } from './auth.module.js';

await runStandalone(ServiceNames.Auth, (runtime) => AuthModule.forRoot(runtime));
