import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { PaymentsModule } from './payments.module.js';

await runStandalone(ServiceNames.Payments, process.env, (runtime) => PaymentsModule.forRoot(runtime));
