// Prints the fault suite's tally after Jest's own summary, so that it is the run's last lines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export default class TallyReporter {
  onRunComplete() {
    const file = join(process.cwd(), '.payrail-test-logs', 'fault-tally.txt');
    if (existsSync(file)) process.stdout.write(`\n${readFileSync(file, 'utf8')}`);
  }
}
