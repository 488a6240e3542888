import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { AuthModule } from './auth.module.js';

await runStandalone(ServiceNames.Auth, process.env, (runtime) => AuthModule.forRoot(runtime));
