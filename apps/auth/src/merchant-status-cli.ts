import 'reflect-metadata';
import { redactSensitive } from '@payrail/messaging';
import { runMerchantStatusCommand } from './merchants/merchant-status-command.js';

// Suspends or resumes a merchant and prints the new status as JSON on stdout.
try {
  const change = await runMerchantStatusCommand(process.argv.slice(2), process.env);
  process.stdout.write(`${JSON.stringify(change, null, 2)}\n`, () => process.exit(0));
} catch (error) {
  process.stderr.write(`payrail merchant-status failed: ${redactSensitive((error as Error)?.message ?? String(error))}\n`, () => process.exit(1));
}
