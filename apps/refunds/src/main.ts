import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { RefundsModule } from './refunds.module.js';

await runStandalone(ServiceNames.Refunds, process.env, (runtime) => RefundsModule.forRoot(runtime));
