import { SandboxJournal, type JournalEntry, type JournalLookup } from '../connectors/sandbox/sandbox-journal.js';

/** The sandbox journal for unit specs, with the same first-writer-wins rule as the table. */
export class MemorySandboxJournal extends SandboxJournal {
  private readonly entries = new Map<string, JournalLookup>();

  async remember(key: string, _livemode: boolean, entry: JournalEntry): Promise<JournalLookup> {
    if (!this.entries.has(key)) this.entries.set(key, entry);
    return this.entries.get(key)!;
  }

  async lookUpOrClose(key: string): Promise<JournalLookup> {
    if (!this.entries.has(key)) this.entries.set(key, 'closed');
    return this.entries.get(key)!;
  }
}
