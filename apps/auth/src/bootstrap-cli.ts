import 'reflect-metadata';
import { redactSensitive } from '@payrail/messaging';
import { runBootstrapCommand } from './merchant-bootstrap/bootstrap-command.js';

// Creates a merchant and prints its credentials as JSON on stdout, and nothing else there.
try {
  const credentials = await runBootstrapCommand(process.argv.slice(2), process.env);
  process.stdout.write(`${JSON.stringify(credentials, null, 2)}\n`, () => process.exit(0));
} catch (error) {
  process.stderr.write(`payrail bootstrap failed: ${redactSensitive((error as Error)?.message ?? String(error))}\n`, () => process.exit(1));
}
