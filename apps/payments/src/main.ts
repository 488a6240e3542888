import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { PaymentsModule } from './payments.module.js';

await runStandalone(ServiceNames.Payments, (runtime) => PaymentsModule.forRoot(runtime));
