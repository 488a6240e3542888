import pg from 'pg';
import Stripe from 'stripe';
import { sandboxCredentials, stripeClient, WebhookReceiver } from '@payrail/testing';

/**
 * The test platform opts in to test-mode webhooks on loopback and private networks (its receiver is on
 * 127.0.0.1); cloud metadata and link-local addresses stay out of reach of a test key even so.
 */
describe('webhook destinations of a test key, with the private-network opt-in', () => {
  const stripe = stripeClient(sandboxCredentials().secret_key);

  it('refuses cloud metadata and link-local endpoints with a 400 naming url, however the address is written', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[fe80::1]/']) {
      const error = await stripe.webhookEndpoints.create({ url, enabled_events: ['*'] }).then(
        () => null,
        (caught: unknown) => caught as Stripe.errors.StripeError,
      );
      expect([url, error?.statusCode, error?.code, error?.param]).toEqual([url, 400, 'parameter_invalid', 'url']);
    }
  });

  it('delivers to an endpoint on loopback, as the opt-in allows', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded'] });
      const intent = await stripe.paymentIntents.create({ amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
      await receiver.waitFor((r) => r.accepted('payment_intent.succeeded').some((delivery) => delivery.body.includes(intent.id)), 30_000);
      await stripe.webhookEndpoints.del(endpoint.id);
    } finally {
      await receiver.stop();
    }
  });
});

describe('the embedded database the platform serves', () => {
  const embedded = process.env.PAYRAIL_TEST_MODE === 'embedded';

  it('asks for the password runtime.json carries, and refuses a wrong one', async () => {
    const url = new URL(process.env.PAYRAIL_TEST_DATABASE_URL!);
    if (!embedded) return expect(url.protocol).toBe('postgres:');
    expect(url.password.length).toBeGreaterThanOrEqual(32);
    url.password = 'guessed';
    await expect(new pg.Client({ connectionString: url.toString() }).connect()).rejects.toMatchObject({ code: '28P01' });
    const client = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});
