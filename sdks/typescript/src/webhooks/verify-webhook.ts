import { createHmac, timingSafeEqual } from 'node:crypto';

/** The endpoint's `signature_scheme`. */
export type WebhookSignatureScheme = 'payrail' | 'stripe' | 'standard-webhooks' | 'sha256-hex';

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (not re-serialised JSON). */
  payload: string | Buffer;
  /** The request's headers (any case), e.g. Node's `req.headers`. */
  headers: { [name: string]: string | string[] | undefined } | Headers;
  /** The endpoint's secret, `whsec_…`, exactly as shown when it was created. */
  secret: string;
  scheme?: WebhookSignatureScheme;
  /** Oldest accepted signature timestamp, in seconds from now (default 300); not applicable to `sha256-hex`. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/**
 * Checks a delivery's signature under its endpoint's scheme and returns the parsed event; throws
 * `WebhookSignatureError` otherwise. During a secret rotation a delivery carries a signature per secret:
 * a match on any of them is enough.
 */
export function verifyWebhook<E = unknown>(options: VerifyWebhookOptions): E {
  const body = Buffer.isBuffer(options.payload) ? options.payload.toString('utf8') : options.payload;
  const header = headerReader(options.headers);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  switch (options.scheme ?? 'payrail') {
    case 'payrail':
      verifyStripeStyle(header('payments-signature'), body, options.secret, now, tolerance);
      break;
    case 'stripe':
      verifyStripeStyle(header('stripe-signature'), body, options.secret, now, tolerance);
      break;
    case 'standard-webhooks':
      verifyStandardWebhooks(header, body, options.secret, now, tolerance);
      break;
    case 'sha256-hex':
      verifySha256Hex(header('x-webhook-signature'), body, options.secret);
      break;
  }
  return JSON.parse(body) as E;
}

function headerReader(headers: VerifyWebhookOptions['headers']): (name: string) => string {
  return (name) => {
    const value = headers instanceof Headers ? headers.get(name)
      : Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (!text) throw new WebhookSignatureError(`The ${name} header is missing`);
    return text;
  };
}

function checkTimestamp(timestamp: number, now: number, tolerance: number): void {
  if (!Number.isInteger(timestamp)) throw new WebhookSignatureError('The signature has no readable timestamp');
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookSignatureError('The signature timestamp is outside the tolerance');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">[,v1=…]`. */
function verifyStripeStyle(value: string, body: string, secret: string, now: number, tolerance: number): void {
  const parts = value.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key]) => key === 'v1').map(([, signature]) => signature ?? '');
  if (signatures.length === 0) throw new WebhookSignatureError('No v1 signature in the header');
  checkTimestamp(timestamp, now, tolerance);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  if (!signatures.some((signature) => sameText(signature, expected))) throw new WebhookSignatureError('No signature matches the secret');
}

/** https://www.standardwebhooks.com: base64 HMAC of `id.timestamp.body` under the base64 key after `whsec_`. */
function verifyStandardWebhooks(header: (name: string) => string, body: string, secret: string, now: number, tolerance: number): void {
  const id = header('webhook-id');
  const timestamp = Number(header('webhook-timestamp'));
  checkTimestamp(timestamp, now, tolerance);
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  const signatures = header('webhook-signature').split(' ').filter((entry) => entry.startsWith('v1,')).map((entry) => entry.slice(3));
  if (!signatures.some((signature) => sameText(signature, expected))) throw new WebhookSignatureError('No signature matches the secret');
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` under the secret as written; it signs no timestamp (deduplicate by event id). */
function verifySha256Hex(value: string, body: string, secret: string): void {
  const expected = `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
  if (!sameText(value, expected)) throw new WebhookSignatureError('The signature does not match the secret');
}
