import type Stripe from 'stripe';
import { StreamClient, stripeClient, WebhookReceiver } from '@payrail/testing';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';
import { mpesaMerchant, receiptOf, type MpesaMerchant } from './mpesa-fixture.js';

/**
 * What a hosted "check your phone" page and the merchant's server see of an STK push: the intent's status
 * stream, opened with the publishable key and client secret as a browser does, and the signed webhooks.
 * The simulator's customer answers after 2.5 s, so that `processing` is on screen before the answer.
 */
const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Intent {
  id: string;
  status: string;
  client_secret: string;
  latest_charge: string | null;
  next_action: { type: string; mpesa_stk_push: { checkout_request_id: string; expires_at: number } } | null;
}

interface StatusMessage {
  object: string;
  id: string;
  status: string;
  next_action: Intent['next_action'];
  last_payment_error: { code: string; decline_code?: string; message: string } | null;
  amount_received: number;
  receipt_number: string | null;
}

let mpesa: MpesaMerchant;
let receiver: WebhookReceiver;
let stripe: Stripe;
let endpointSecret: string;
const streams: StreamClient[] = [];

async function post<T>(path: string, key: string, form: Record<string, string>): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** An unconfirmed KES intent for `phone`, and its status stream opened as the hosted page opens it. */
async function watchedIntent(phone: string, amount: number): Promise<{ intent: Intent; stream: StreamClient }> {
  const { secret_key, publishable_key } = mpesa.merchant;
  const method = await post<{ id: string }>('/v1/payment_methods', secret_key, { type: 'mpesa', 'mpesa[phone_number]': phone });
  const intent = await post<Intent>('/v1/payment_intents', secret_key, { amount: String(amount), currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.id });
  const query = new URLSearchParams({ key: publishable_key, client_secret: intent.client_secret });
  const stream = await StreamClient.open(`${baseUrl}/v1/payment_intents/${intent.id}/stream?${query}`);
  streams.push(stream);
  await stream.received(1);
  return { intent, stream };
}

const statuses = (stream: StreamClient): StatusMessage[] => stream.messages as unknown as StatusMessage[];

async function signedEvents(type: string, objectId: string): Promise<Stripe.Event> {
  const verified = () =>
    receiver
      .accepted(type)
      .map((delivery) => stripe.webhooks.constructEvent(delivery.body, delivery.headers['payments-signature'] as string, endpointSecret))
      .filter((event) => (event.data.object as { id: string }).id === objectId);
  await receiver.waitFor(() => verified().length > 0);
  return verified()[0];
}

beforeAll(async () => {
  mpesa = await mpesaMerchant('M-Pesa live status', { callbackDelayMs: 2500 });
  stripe = stripeClient(mpesa.merchant.secret_key);
  receiver = await WebhookReceiver.start();
  const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded', 'charge.succeeded'] });
  endpointSecret = endpoint.secret!;
});
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
});
afterAll(async () => {
  await receiver.stop();
  await mpesa.simulator.stop();
});

describe('an M-Pesa STK push watched live', () => {
  it('pushes processing with the prompt, then succeeded with the M-Pesa receipt, and the signed webhooks carry the same', async () => {
    const { intent, stream } = await watchedIntent('0708374149', 120_000);
    expect(statuses(stream)[0]).toMatchObject({ object: 'payment_intent.status', id: intent.id, status: 'requires_confirmation', receipt_number: null });

    const confirmed = await post<Intent>(`/v1/payment_intents/${intent.id}/confirm`, mpesa.merchant.publishable_key, { client_secret: intent.client_secret });
    expect(confirmed).toMatchObject({ status: 'processing', next_action: { type: 'mpesa_stk_push' } });
    const checkoutRequestId = confirmed.next_action!.mpesa_stk_push.checkout_request_id;

    // A reader may also see the claimed processing state before the prompt is added (see the next test).
    await stream.received(1, (message) => message['status'] === 'succeeded');
    expect(await stream.closed()).toBe(1000);
    const received = statuses(stream);
    const between = received.slice(1, -1);
    expect(between.map((message) => message.status)).toEqual(between.map(() => 'processing'));
    expect(between.at(-1)).toMatchObject({ status: 'processing', next_action: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: checkoutRequestId } }, receipt_number: null });
    const receipt = receiptOf(mpesa.callbackOf(checkoutRequestId));
    expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(received.at(-1)).toEqual({ object: 'payment_intent.status', id: intent.id, status: 'succeeded', next_action: null, last_payment_error: null, amount_received: 120_000, receipt_number: receipt });

    const paid = await signedEvents('payment_intent.succeeded', intent.id);
    const paidIntent = paid.data.object as Stripe.PaymentIntent;
    expect(paidIntent).toMatchObject({ status: 'succeeded', amount_received: 120_000, currency: 'kes', latest_charge: expect.stringMatching(/^ch_/) });
    const charged = await signedEvents('charge.succeeded', paidIntent.latest_charge as string);
    expect(charged.data.object).toMatchObject({ payment_intent: intent.id, receipt_number: receipt, payment_method_details: { type: 'mpesa', mpesa: { receipt_number: receipt } } });
  });

  it('pushes a prompt the customer cancels (1032) as back to requires_payment_method with the reason, and keeps the stream open for a retry', async () => {
    const { intent, stream } = await watchedIntent(TEST_PHONES.cancelled, 50_000);
    await post<Intent>(`/v1/payment_intents/${intent.id}/confirm`, mpesa.merchant.publishable_key, { client_secret: intent.client_secret });

    // Confirm claims the intent (processing) before the push is sent and adds the prompt once Daraja accepts it:
    // a reader can see the claimed state between the two, so the prompt is looked for among the processing messages.
    await stream.received(1, (message) => message['status'] === 'requires_payment_method');
    const received = statuses(stream);
    const cancelled = received.at(-1);
    expect(received.filter((message) => message.status === 'processing')).toContainEqual(expect.objectContaining({ next_action: expect.objectContaining({ type: 'mpesa_stk_push' }) }));
    expect(cancelled).toEqual({
      object: 'payment_intent.status',
      id: intent.id,
      status: 'requires_payment_method',
      next_action: null,
      last_payment_error: expect.objectContaining({ code: 'card_declined', decline_code: 'generic_decline', message: 'The customer cancelled the M-Pesa payment request on their phone.' }),
      amount_received: 0,
      receipt_number: null,
    });
    expect(stream.closeCode).toBeUndefined();
    expect(receiver.accepted().filter((delivery) => JSON.stringify(delivery.event.data.object).includes(intent.id))).toEqual([]);
  });
});
