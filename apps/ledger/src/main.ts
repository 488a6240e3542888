import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { LedgerModule } from './ledger.module.js';

await runStandalone(ServiceNames.Ledger, process.env, (runtime) => LedgerModule.forRoot(runtime));
