import { setTimeout as sleep } from 'node:timers/promises';
import { Topics } from '@payrail/contracts';
import type { DataSource } from 'typeorm';
import type { InboundEvent } from '../broker/message-broker.js';
import { InProcessBroker } from '../in-process/in-process.broker.js';
import { PayrailMetrics, ServiceMetrics } from '../metrics/payrail-metrics.js';
import { OutboxRelay } from './outbox.relay.js';

/** An outbox table in memory, answering the relay's claim and mark-sent statements; counts the claims. */
class OutboxTable {
  claims = 0;
  private readonly unsent: Array<{ id: string; topic: string; message_key: string; payload: unknown; headers: Record<string, string> }> = [];

  add(id: number): void {
    this.unsent.push({ id: String(id), topic: Topics.PaymentsEvents, message_key: `pi_${id}`, payload: { id: `evt_${id}` }, headers: {} });
  }

  async query(sql: string): Promise<unknown> {
    if (sql.includes('"attempts" = "attempts" + 1')) {
      this.claims++;
      return [this.unsent.splice(0), 0];
    }
    if (sql.includes('"published_at" = now()')) return [[], 0];
    return [{ backlog: this.unsent.length, oldest_seconds: 0 }];
  }
}

describe('the outbox relay', () => {
  it('polls an empty outbox less and less often, yet relays what a publish nudges at once', async () => {
    const table = new OutboxTable();
    const broker = new InProcessBroker();
    const received: InboundEvent[] = [];
    await broker.consumeEvents('spec', new Map([[Topics.PaymentsEvents, async (event) => void received.push(event)]]));
    const relay = new OutboxRelay(table as unknown as DataSource, 'spec', broker, true, new ServiceMetrics(new PayrailMetrics(), 'spec'), 'spec');
    relay.onApplicationBootstrap();
    try {
      await sleep(2_000);
      // Every 250 ms would be 9 polls; backing off (at 0, 250, 750 and 1750 ms) makes 4, the next one at 2750 ms.
      expect(table.claims).toBeGreaterThanOrEqual(3);
      expect(table.claims).toBeLessThanOrEqual(5);

      table.add(1);
      const nudgedAt = Date.now();
      relay.nudge();
      while (received.length === 0 && Date.now() - nudgedAt < 1_000) await sleep(5);
      expect(received.map((event) => event.data)).toEqual([{ id: 'evt_1' }]);
      // Well before that next poll: the nudge, not the timer.
      expect(Date.now() - nudgedAt).toBeLessThan(500);

      // Having found work, it polls often again: a row written without a nudge waits about the short interval.
      await sleep(50);
      table.add(2);
      const addedAt = Date.now();
      while (received.length === 1 && Date.now() - addedAt < 2_000) await sleep(5);
      expect(received).toHaveLength(2);
      expect(Date.now() - addedAt).toBeLessThan(800);
    } finally {
      await relay.onApplicationShutdown();
      await broker.close();
    }
  }, 15_000);
});
