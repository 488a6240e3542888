import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { RefundsModule } from './refunds.module.js';

await runStandalone(ServiceNames.Refunds, (runtime) => RefundsModule.forRoot(runtime));
