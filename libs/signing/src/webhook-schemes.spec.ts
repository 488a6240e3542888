import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signingSecrets, signWebhook, type WebhookSignatureScheme } from './webhook-schemes.js';

const stripe = new Stripe('sk_test_x');
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { amount: 2000, note: 'naïve ✓' } } });
const now = () => Math.floor(Date.now() / 1000);
const sign = (scheme: WebhookSignatureScheme, secrets: string[]) => signWebhook(scheme, { eventId: 'evt_1', timestampSeconds: now(), body, secrets });

/** The Payment Engine document's Node verifier, as written there. */
function verifyWebhookSignature(payload: string, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  const expectedHeader = `sha256=${expectedSignature}`;
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedHeader));
}

/** The Payment Engine document's Python verifier, as written there, run by python3. */
function pythonVerifies(payload: string, signature: string, secret: string): boolean {
  const program = `
import hmac, hashlib, sys, json
def verify_webhook_signature(payload, signature, secret):
    expected_signature = hmac.new(
        secret.encode('utf-8'),
        payload.encode('utf-8'),
        hashlib.sha256
    ).hexdigest()

    expected_header = f"sha256={expected_signature}"

    return hmac.compare_digest(expected_header, signature)
args = json.loads(sys.stdin.read())
print('ok' if verify_webhook_signature(args['payload'], args['signature'], args['secret']) else 'refused')
`;
  const output = execFileSync('python3', ['-c', program], { input: JSON.stringify({ payload, signature, secret }) }).toString().trim();
  return output === 'ok';
}

describe('webhook signature schemes, checked by the verifiers integrators run', () => {
  it('payrail: Payments-Signature, verified by stripe.webhooks.constructEvent', () => {
    const secret = newWebhookSecret('payrail');
    const headers = sign('payrail', [secret]);
    expect(Object.keys(headers)).toEqual(['Payments-Signature']);
    expect(stripe.webhooks.constructEvent(body, headers['Payments-Signature'], secret).id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(body, headers['Payments-Signature'], newWebhookSecret('payrail'))).toThrow();
  });

  it('stripe: the same value in Stripe-Signature, as the Stripe guide reads it', () => {
    const secret = newWebhookSecret('stripe');
    const headers = sign('stripe', [secret]);
    expect(Object.keys(headers)).toEqual(['Stripe-Signature']);
    expect(headers['Stripe-Signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(body, headers['Stripe-Signature'], secret).type).toBe('payment_intent.succeeded');
    expect(() => stripe.webhooks.constructEvent(`${body} `, headers['Stripe-Signature'], secret)).toThrow();
  });

  it('standard-webhooks: a whsec_ base64 secret, verified by the standardwebhooks package', () => {
    const secret = newWebhookSecret('standard-webhooks');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = sign('standard-webhooks', [secret]);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: 'evt_1' });
    expect(() => new Webhook(newWebhookSecret('standard-webhooks')).verify(body, headers)).toThrow();
  });

  it('sha256-hex: X-Webhook-Signature, verified by the Payment Engine document\'s Node and Python code', () => {
    const secret = newWebhookSecret('sha256-hex');
    const headers = sign('sha256-hex', [secret]);
    expect(Object.keys(headers)).toEqual(['X-Webhook-Signature']);
    expect(verifyWebhookSignature(body, headers['X-Webhook-Signature'], secret)).toBe(true);
    expect(pythonVerifies(body, headers['X-Webhook-Signature'], secret)).toBe(true);
    const wrong = newWebhookSecret('sha256-hex');
    expect(verifyWebhookSignature(body, headers['X-Webhook-Signature'], wrong)).toBe(false);
    expect(pythonVerifies(body, headers['X-Webhook-Signature'], wrong)).toBe(false);
  });

  it('during a rotation, a receiver holding either secret verifies the multi-signature schemes', () => {
    for (const scheme of ['payrail', 'stripe'] as const) {
      const [current, previous] = [newWebhookSecret(scheme), newWebhookSecret(scheme)];
      const header = Object.values(sign(scheme, signingSecrets(scheme, current, previous)))[0];
      expect(header.match(/v1=/g)).toHaveLength(2);
      for (const secret of [current, previous]) expect(stripe.webhooks.constructEvent(body, header, secret).id).toBe('evt_1');
    }
    const [current, previous] = [newWebhookSecret('standard-webhooks'), newWebhookSecret('standard-webhooks')];
    const headers = sign('standard-webhooks', signingSecrets('standard-webhooks', current, previous));
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: 'evt_1' });
  });

  it('sha256-hex carries one signature, so the previous secret keeps signing until the overlap ends', () => {
    const [current, previous] = [newWebhookSecret('sha256-hex'), newWebhookSecret('sha256-hex')];
    const header = sign('sha256-hex', signingSecrets('sha256-hex', current, previous))['X-Webhook-Signature'];
    expect(verifyWebhookSignature(body, header, previous)).toBe(true);
    expect(signingSecrets('sha256-hex', current, null)).toEqual([current]);
  });

  it('refuses to sign with no secret', () => {
    expect(() => sign('payrail', [])).toThrow('at least one signing secret');
  });
});
