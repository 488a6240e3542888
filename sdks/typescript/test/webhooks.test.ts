import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook, WebhookSignatureError, type WebhookSignatureScheme } from '../src/index.js';
import { eventually, secretKeyClient } from './platform.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface DeliveredEvent {
  id: string;
  type: string;
  data: { object: { id: string } };
}

const SCHEMES: WebhookSignatureScheme[] = ['payrail', 'stripe', 'standard-webhooks', 'sha256-hex'];
const payrail = secretKeyClient();
const received: Received[] = [];
const otherSecret = `whsec_${Buffer.from('not the endpoint secret, 32 bytes').toString('base64')}`;
let server: Server;
let receiverUrl: string;

describe('webhook verification of real deliveries', () => {
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a payment_intent.succeeded delivery under each of the four signature schemes', async () => {
    const endpoints = await Promise.all(SCHEMES.map((scheme) => payrail.webhookEndpoints.postWebhookEndpoints({
      createWebhookEndpointDto: { url: `${receiverUrl}/${scheme}`, enabled_events: ['payment_intent.succeeded'], signature_scheme: scheme },
    })));
    const intent = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true } });
    assert.equal(intent.status, 'succeeded');

    try {
      for (const [index, scheme] of SCHEMES.entries()) {
        const secret = endpoints[index].secret;
        assert.ok(secret, 'the secret is shown on creation');
        const delivery = await eventually(() => received.find((r) => r.path === `/${scheme}` && r.body.includes(intent.id)));
        const event = verifyWebhook<DeliveredEvent>({ payload: delivery.body, headers: delivery.headers, secret, scheme });
        assert.equal(event.type, 'payment_intent.succeeded', scheme);
        assert.equal(event.data.object.id, intent.id, scheme);

        assert.throws(() => verifyWebhook({ payload: delivery.body.replace('4200', '4201'), headers: delivery.headers, secret, scheme }), WebhookSignatureError, `${scheme}: a changed body`);
        assert.throws(() => verifyWebhook({ payload: delivery.body, headers: delivery.headers, secret: otherSecret, scheme }), WebhookSignatureError, `${scheme}: another secret`);
      }
    } finally {
      await Promise.all(endpoints.map((endpoint) => payrail.webhookEndpoints.deleteWebhookEndpointsId({ id: endpoint.id })));
    }
  });

  it('refuses a payrail-scheme delivery older than the tolerance', async () => {
    const delivery = received.find((r) => r.path === '/payrail');
    assert.ok(delivery, 'the previous test recorded a delivery');
    const header = String(delivery.headers['payments-signature']);
    const signedAt = Number(/t=(\d+)/.exec(header)?.[1]);
    assert.throws(() => verifyWebhook({ payload: delivery.body, headers: delivery.headers, secret: 'whsec_irrelevant', nowSeconds: signedAt + 301 }), /tolerance/);
  });
});
