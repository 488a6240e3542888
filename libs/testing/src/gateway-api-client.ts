import { randomUUID } from 'node:crypto';
import type { MerchantCredentials } from '@payrail/contracts';
import { signRequest } from '@payrail/signing';

/** The gateway API document's envelope, as its integrators read it. */
export interface GatewayApiAnswer<D = unknown> {
  status: number;
  body: { success: boolean; message?: string; code?: number; errors?: Record<string, string[]>; data?: D; pagination?: { page: number; limit: number; total: number; total_pages: number } };
}

export interface SigningCredentials {
  /** `X-API-KEY`: the signing key's id. */
  key: string;
  secret: string;
}

export function signingCredentialsOf(merchant: MerchantCredentials): SigningCredentials {
  return { key: merchant.signing_key, secret: merchant.signing_secret };
}

/**
 * A request as the gateway API document's integrators send it: JSON, HMAC-SHA256 over
 * `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY` (the path with its query string), a fresh nonce each time.
 */
export async function gatewayApiRequest<D = unknown>(baseUrl: string, credentials: SigningCredentials, method: string, path: string, payload?: unknown): Promise<GatewayApiAnswer<D>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'X-API-KEY': credentials.key,
    'X-API-TIMESTAMP': timestamp,
    'X-API-NONCE': nonce,
    'X-API-SIGNATURE': signRequest(credentials.secret, { method, path, timestamp, nonce, rawBody: body }),
  };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body || undefined });
  return { status: response.status, body: (await response.json()) as GatewayApiAnswer<D>['body'] };
}

/** Pays a hosted checkout page with a test card as a browser without scripts would; answers the form post's response. */
export async function payHostedPageWithoutScripts(url: string, cardNumber: string): Promise<Response> {
  const page = await fetch(url);
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const html = await page.text();
  const form = new URLSearchParams({
    csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]!,
    attempt: /name="attempt" value="(\d+)"/.exec(html)![1]!,
    card_number: cardNumber,
    card_exp: '12 / 34',
    card_cvc: '123',
  });
  return fetch(`${url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: form.toString() });
}
