import 'reflect-metadata';
import { redactSensitive } from '@payrail/messaging';
import { runOperatorClientCommand } from './oauth-clients/operator-client-command.js';

// Creates the platform operator's OAuth client for a merchant and prints its credentials as JSON on stdout.
try {
  const credentials = await runOperatorClientCommand(process.argv.slice(2), process.env);
  process.stdout.write(`${JSON.stringify(credentials, null, 2)}\n`, () => process.exit(0));
} catch (error) {
  process.stderr.write(`payrail operator-client failed: ${redactSensitive((error as Error)?.message ?? String(error))}\n`, () => process.exit(1));
}
