import { createHmac, randomBytes } from 'node:crypto';
import { generateSecret } from './secrets.js';
import { signWebhookPayload } from './webhook-signature.js';

/** How an endpoint's deliveries are signed; chosen per endpoint, `payrail` by default. */
export const WEBHOOK_SIGNATURE_SCHEMES = ['payrail', 'stripe', 'standard-webhooks', 'sha256-hex'] as const;
export type WebhookSignatureScheme = (typeof WEBHOOK_SIGNATURE_SCHEMES)[number];
export const DEFAULT_WEBHOOK_SIGNATURE_SCHEME: WebhookSignatureScheme = 'payrail';

export function isWebhookSignatureScheme(value: unknown): value is WebhookSignatureScheme {
  return typeof value === 'string' && (WEBHOOK_SIGNATURE_SCHEMES as readonly string[]).includes(value);
}

/** What a signer signs: one delivery attempt of one event. */
export interface WebhookToSign {
  /** The event id: stable across retries and resends, the receiver's deduplication key. */
  eventId: string;
  timestampSeconds: number;
  body: string;
  /**
   * Every secret that signs, the current one first; during a rotation's overlap the previous one too,
   * so that a receiver holding either verifies the delivery.
   */
  secrets: readonly string[];
}

interface WebhookSigner {
  /** A new endpoint secret in the form this scheme's verifiers expect. */
  newSecret(): string;
  headers(delivery: WebhookToSign): Record<string, string>;
}

/** Stripe's `t=…,v1=…` value, one `v1` per secret (Stripe's SDKs accept a match on any of them). */
function stripeStyleValue(delivery: WebhookToSign): string {
  const [first, ...others] = delivery.secrets;
  const extra = others.map((secret) => signWebhookPayload(secret, delivery.body, delivery.timestampSeconds).split(',')[1]);
  return [signWebhookPayload(first, delivery.body, delivery.timestampSeconds), ...extra].join(',');
}

const base62Secret = () => generateSecret('whsec_', 32);

const SIGNERS: Record<WebhookSignatureScheme, WebhookSigner> = {
  payrail: { newSecret: base62Secret, headers: (delivery) => ({ 'Payments-Signature': stripeStyleValue(delivery) }) },
  stripe: { newSecret: base62Secret, headers: (delivery) => ({ 'Stripe-Signature': stripeStyleValue(delivery) }) },
  /** https://www.standardwebhooks.com: the key is the base64 after `whsec_`; signatures space-separated. */
  'standard-webhooks': {
    newSecret: () => `whsec_${randomBytes(32).toString('base64')}`,
    headers: (delivery) => ({
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(delivery.timestampSeconds),
      'webhook-signature': delivery.secrets
        .map((secret) => {
          const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
          const signed = `${delivery.eventId}.${delivery.timestampSeconds}.${delivery.body}`;
          return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
        })
        .join(' '),
    }),
  },
  /**
   * The Payment Engine document's `sha256=<hex HMAC of the raw body>`, keyed by the secret as written.
   * Its verifiers compare the whole header with one expected value, so one signature only: the first
   * secret given (during a rotation's overlap the caller passes the previous one first, see
   * `signingSecrets`). The timestamp is not signed in this scheme, so it cannot resist replays.
   */
  'sha256-hex': {
    newSecret: base62Secret,
    headers: (delivery) => ({ 'X-Webhook-Signature': `sha256=${createHmac('sha256', delivery.secrets[0]).update(delivery.body, 'utf8').digest('hex')}` }),
  },
};

export function newWebhookSecret(scheme: WebhookSignatureScheme): string {
  return SIGNERS[scheme].newSecret();
}

/** The signature headers of one delivery attempt under `scheme`. */
export function signWebhook(scheme: WebhookSignatureScheme, delivery: WebhookToSign): Record<string, string> {
  if (delivery.secrets.length === 0) throw new Error('A webhook needs at least one signing secret');
  return SIGNERS[scheme].headers(delivery);
}

/**
 * The secrets that sign now, in the order `signWebhook` wants them. Schemes that carry several
 * signatures get the current secret and, while the rotation overlaps, the previous one; `sha256-hex`,
 * which carries one, keeps signing with the previous secret until the overlap ends, since the receivers
 * that are deployed hold that one until the merchant switches.
 */
export function signingSecrets(scheme: WebhookSignatureScheme, current: string, previous: string | null): string[] {
  if (previous === null) return [current];
  return scheme === 'sha256-hex' ? [previous] : [current, previous];
}
