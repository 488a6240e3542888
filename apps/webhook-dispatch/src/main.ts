import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { WebhookDispatchModule } from './webhook-dispatch.module.js';

await runStandalone(ServiceNames.WebhookDispatch, process.env, (runtime) => WebhookDispatchModule.forRoot(runtime));
