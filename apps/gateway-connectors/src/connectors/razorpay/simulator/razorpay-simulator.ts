import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constantTimeEqual } from '@payrail/signing';
import { badRequest, routeMissing, SimulatorError, unauthorized } from './simulator-errors.js';
import { SimulatorLedger } from './simulator-ledger.js';
import { hostedCheckoutPage, hostedCheckoutPayment, hostedCheckoutRefusal, hostedCheckoutRoute, isHostedCheckoutPath } from './simulator-hosted-checkout.js';
import { deliverWebhook, webhookBody, type WebhookRequest } from './simulator-webhooks.js';

export interface SimulatorAccount {
  keyId: string;
  keySecret: string;
}

type Body = Record<string, unknown>;
type Route = (ledger: SimulatorLedger, params: string[], body: Body, query: URLSearchParams) => unknown;

const MAX_BODY_BYTES = 1 << 20;

/** Razorpay's API, authenticated with HTTP Basic `key_id:key_secret`. */
const API_ROUTES: Array<[string, RegExp, Route]> = [
  ['POST', /^\/v1\/orders$/, (ledger, _, body) => ledger.createOrder(body)],
  ['GET', /^\/v1\/orders$/, (ledger, _, __, query) => ledger.ordersByReceipt(query.get('receipt') ?? undefined)],
  ['GET', /^\/v1\/orders\/([^/]+)$/, (ledger, [id]) => ledger.order(id)],
  ['GET', /^\/v1\/orders\/([^/]+)\/payments$/, (ledger, [id]) => ledger.paymentsOfOrder(id)],
  ['GET', /^\/v1\/payments\/([^/]+)$/, (ledger, [id]) => ledger.payment(id)],
  ['POST', /^\/v1\/payments\/([^/]+)\/capture$/, (ledger, [id], body) => ledger.capture(id, body)],
  ['POST', /^\/v1\/payments\/([^/]+)\/refund$/, (ledger, [id], body) => ledger.refund(id, body)],
  ['GET', /^\/v1\/payments\/([^/]+)\/refunds$/, (ledger, [id]) => ledger.refundsOfPayment(id)],
  ['GET', /^\/v1\/payments\/([^/]+)\/refunds\/([^/]+)$/, (ledger, [id, refundId]) => ledger.refundById(refundId, id)],
  ['GET', /^\/v1\/refunds\/([^/]+)$/, (ledger, [id]) => ledger.refundById(id)],
];

/**
 * A Razorpay stand-in for tests and the embedded runtime: Razorpay publishes no mock, so this follows its
 * documented wire format (https://razorpay.com/docs/api) and is proven with the official SDK as client.
 * State is in memory, per key id. What the customer does at Checkout, and webhooks, are driven through
 * test-only routes under `/_simulator` (see README.md beside this file); they take the public `key_id`,
 * as Checkout does, never the secret.
 */
export class RazorpaySimulator {
  private readonly ledgers = new Map<string, { secret: string; ledger: SimulatorLedger }>();
  private server: Server | null = null;

  constructor(accounts: readonly SimulatorAccount[] = []) {
    for (const account of accounts) this.addAccount(account);
  }

  addAccount(account: SimulatorAccount): void {
    this.ledgers.set(account.keyId, { secret: account.keySecret, ledger: new SimulatorLedger(account.keySecret) });
  }

  /** Listens on loopback; port 0 picks a free one. Resolves to the base URL (`http://127.0.0.1:PORT`). */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const body = await readBody(request);
      if (isHostedCheckoutPath(url.pathname)) return this.hostedCheckout(request.method ?? 'GET', url.pathname, body, response);
      const answer = url.pathname.startsWith('/_simulator/')
        ? await this.testRoute(request.method ?? 'GET', url.pathname, body)
        : this.apiRoute(request, url, body);
      send(response, 200, answer);
    } catch (error) {
      if (error instanceof SimulatorError) return send(response, error.status, error.body);
      send(response, 500, { error: { code: 'SERVER_ERROR', description: 'The server encountered an error. The incident has been reported to admins.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });
    }
  }

  /** Razorpay's Hosted Checkout: pages for the customer's browser, opened by a form POST carrying the public key_id. */
  private hostedCheckout(method: string, path: string, body: Body, response: ServerResponse): void {
    try {
      if (method !== 'POST') throw routeMissing();
      const account = this.ledgers.get(typeof body['key_id'] === 'string' ? body['key_id'] : '');
      if (!account) throw unauthorized();
      const html = hostedCheckoutRoute(path) === 'pay' ? hostedCheckoutPayment(account.ledger, body) : hostedCheckoutPage(account.ledger, body);
      sendHtml(response, 200, html);
    } catch (error) {
      if (!(error instanceof SimulatorError)) throw error;
      sendHtml(response, error.status, hostedCheckoutRefusal(error));
    }
  }

  private apiRoute(request: IncomingMessage, url: URL, body: Body): unknown {
    const ledger = this.authenticate(request.headers.authorization);
    for (const [method, pattern, route] of API_ROUTES) {
      const match = pattern.exec(url.pathname);
      if (match && method === request.method) return route(ledger, match.slice(1).map(decodeURIComponent), body, url.searchParams);
    }
    throw routeMissing();
  }

  private async testRoute(method: string, path: string, body: Body): Promise<unknown> {
    if (method !== 'POST') throw routeMissing();
    const keyId = typeof body['key_id'] === 'string' ? body['key_id'] : '';
    const account = this.ledgers.get(keyId);
    if (!account) throw unauthorized();
    if (path === '/_simulator/checkout') return account.ledger.pay(body);
    const release = /^\/_simulator\/payments\/([^/]+)\/release$/.exec(path);
    if (release) return account.ledger.releaseAuthorization(decodeURIComponent(release[1]));
    if (path === '/_simulator/webhooks') {
      const payload = webhookBody(account.ledger, `acc_${keyId.slice(-14)}`, body as WebhookRequest);
      return deliverWebhook(payload, body as WebhookRequest).catch((error: unknown) => {
        if (error instanceof SimulatorError) throw error;
        throw badRequest(`The webhook could not be delivered: ${(error as Error).name}`, 'url');
      });
    }
    throw routeMissing();
  }

  private authenticate(header: string | undefined): SimulatorLedger {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
    if (!match) throw unauthorized();
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const account = colon > 0 ? this.ledgers.get(decoded.slice(0, colon)) : undefined;
    if (!account || !constantTimeEqual(account.secret, decoded.slice(colon + 1))) throw unauthorized();
    return account.ledger;
  }
}

async function readBody(request: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return {};
  if ((request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return formBody(raw);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // answered below
  }
  throw badRequest('The request body should be a JSON object.');
}

/** Razorpay also takes form bodies; `notes[key]=value` becomes `notes: {key: value}`. */
function formBody(raw: string): Body {
  const body: Body = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const nested = /^(\w+)\[(\w+)\]$/.exec(key);
    if (nested) body[nested[1]] = { ...((body[nested[1]] as object | undefined) ?? {}), [nested[2]]: value };
    else body[key] = value;
  }
  return body;
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=UTF-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
  response.end(html);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
