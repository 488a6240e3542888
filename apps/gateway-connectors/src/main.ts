import { ServiceNames } from '@payrail/contracts';
import { runStandalone } from '@payrail/messaging';
import { GatewayConnectorsModule } from './gateway-connectors.module.js';

await runStandalone(ServiceNames.GatewayConnectors, process.env, (runtime) => GatewayConnectorsModule.forRoot(runtime));
