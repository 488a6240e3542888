import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isolatedRuntimeEnv, startAllInOne, stopProcess, stripeClient, WebhookReceiver, type PlatformUnderTest } from '@payrail/testing';

/**
 * A process that dies after committing a state change but before publishing its event must publish it
 * when it comes back, once. The outbox relay is switched off for the first run, so every event is
 * stranded in the outbox when the process is killed with SIGKILL.
 */
describe('transactional outbox across a crash', () => {
  let receiver: WebhookReceiver;
  let platform: (PlatformUnderTest & { dataDir: string }) | undefined;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await receiver.stop();
  });

  it('publishes an event committed before a kill -9 exactly once after restart, and keeps the data', async () => {
    const isolated = await isolatedRuntimeEnv('crash');
    platform = await startAllInOne('crash-first-run', { ...isolated, PAYRAIL_OUTBOX_RELAY: 'off' });
    const credentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
    const stripe = stripeClient(credentials.secret_key, platform.baseUrl);

    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded'] });
    const intent = await stripe.paymentIntents.create({ amount: 4200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('succeeded');
    await sleep(1500);
    expect(receiver.received).toHaveLength(0);

    await stopProcess(platform.processes[0], 'SIGKILL');
    platform = await startAllInOne('crash-second-run', { ...platform.env, PAYRAIL_OUTBOX_RELAY: 'on' });

    const restartedCredentials = JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
    expect(restartedCredentials.secret_key).toBe(credentials.secret_key);
    const restarted = stripeClient(credentials.secret_key, platform.baseUrl);
    expect(await restarted.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', amount_received: 4200 });

    await receiver.waitFor((r) => r.accepted('payment_intent.succeeded').length >= 1, 60_000);
    await sleep(2000);
    const deliveries = receiver.accepted('payment_intent.succeeded');
    expect(deliveries).toHaveLength(1);
    const event = restarted.webhooks.constructEvent(deliveries[0].body, deliveries[0].headers['payments-signature'] as string, endpoint.secret!);
    expect(event.data.object).toMatchObject({ id: intent.id, status: 'succeeded' });
  }, 180_000);
});
