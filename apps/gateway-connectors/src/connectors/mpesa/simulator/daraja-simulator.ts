import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constantTimeEqual } from '@payrail/signing';
import type { DarajaToken, ReversalResultBody, StkCallbackBody } from '../daraja-wire.js';
import { DarajaError, invalidAuthentication, invalidField, invalidGrantType, invalidToken, routeMissing } from './daraja-errors.js';
import { DarajaLedger, type DarajaAccount, type Delivery } from './daraja-ledger.js';
import { outcomeForPhone } from './test-phones.js';

/** How long a sent callback is given to reach the platform before the push's connection is reset. */
const CALLBACK_ARRIVAL_MS = 300;

export interface DarajaSimulatorOptions {
  /** How long the "customer" takes to answer the prompt (and a reversal to complete). Default 1 s. */
  callbackDelayMs?: number;
  /** Lifetime of an access token. Daraja's is 3599 s. */
  tokenTtlSeconds?: number;
}

type Body = Record<string, unknown>;

const MAX_BODY_BYTES = 1 << 20;

/**
 * A Safaricom Daraja stand-in for tests and the embedded runtime: Daraja's sandbox needs an account and
 * the internet, so this follows its documented wire format (OAuth, STK push, STK query, reversal, and the
 * callbacks it POSTs to the CallBackURL / ResultURL after a delay). State is in memory, per shortcode;
 * the customer's answer is chosen by the phone number (test-phones.ts). See README.md beside this file.
 */
export class DarajaSimulator {
  private readonly ledgers = new Map<string, DarajaLedger>();
  private readonly tokens = new Map<string, { ledger: DarajaLedger; expiresAt: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly delayMs: number;
  private readonly tokenTtlSeconds: number;
  private server: Server | null = null;
  /** Every callback sent (or attempted), newest last. */
  readonly deliveries: Delivery[] = [];
  /** How many access tokens were issued, to tell a cached token from a fresh one. */
  tokensIssued = 0;

  constructor(accounts: readonly DarajaAccount[] = [], options: DarajaSimulatorOptions = {}) {
    this.delayMs = options.callbackDelayMs ?? 1000;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3599;
    for (const account of accounts) this.addAccount(account);
  }

  addAccount(account: DarajaAccount): void {
    this.ledgers.set(account.consumerKey, new DarajaLedger(account, this.delayMs, (ms, task) => this.later(ms, task), (url, body) => this.deliver(url, body)));
  }

  /** Listens on loopback; port 0 picks a free one. Resolves to the base URL (`http://127.0.0.1:PORT`). */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    // Node's 5 s default lets the server close an idle kept-alive connection just as a loaded client reuses
    // it: the client then sees a reset it cannot tell from a lost answer. Clients give up idle ones first.
    server.keepAliveTimeout = 65_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const method = request.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/oauth/v1/generate') return send(response, 200, this.issueToken(request.headers.authorization, url));
      const body = await readBody(request);
      const resend = /^\/_simulator\/stkpush\/([^/]+)\/callback$/.exec(url.pathname);
      if (method === 'POST' && resend) return send(response, 200, await this.resend(decodeURIComponent(resend[1])));
      if (method !== 'POST') throw routeMissing();
      const ledger = this.authenticate(request.headers.authorization);
      switch (url.pathname) {
        case '/mpesa/stkpush/v1/processrequest': {
          const accepted = ledger.stkPush(body);
          const answer = outcomeForPhone(String(body['PhoneNumber'])).answer;
          if (answer === 'sent') return send(response, 200, accepted);
          // The push went out; the answer carrying its CheckoutRequestID is lost on the way back.
          if (answer === 'reset_after_callback') await this.calledBack(accepted.CheckoutRequestID);
          request.socket.destroy();
          return;
        }
        case '/mpesa/stkpushquery/v1/query':
          return send(response, 200, ledger.stkQuery(body));
        case '/mpesa/reversal/v1/request':
          return send(response, 200, ledger.reversal(body));
        case '/mpesa/transactionstatus/v1/query':
          return send(response, 200, ledger.transactionStatus(body));
        default:
          throw routeMissing();
      }
    } catch (error) {
      if (error instanceof DarajaError) return send(response, error.status, error.body);
      send(response, 500, { requestId: '', errorCode: '500.003.02', errorMessage: 'System is busy. Please try again in few minutes.' });
    }
  }

  /** How many STK pushes any account sent with this AccountReference. */
  pushesFor(accountReference: string): number {
    return [...this.ledgers.values()].reduce((total, ledger) => total + ledger.pushesFor(accountReference), 0);
  }

  /**
   * Resolves once the callback about a push has gone out, and a moment more for it to arrive (or after 15 s).
   * Not once it is answered: as with Daraja, the push's answer does not wait on the merchant, and a platform
   * whose bus serves the callback after the push (one consumer, one partition) would otherwise wait on itself.
   */
  private async calledBack(checkoutRequestId: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    const sent = () => this.deliveries.some((delivery) => JSON.stringify(delivery.body).includes(checkoutRequestId));
    while (!sent() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, CALLBACK_ARRIVAL_MS));
  }

  private issueToken(header: string | undefined, url: URL): DarajaToken {
    if (url.searchParams.get('grant_type') !== 'client_credentials') throw invalidGrantType();
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
    if (!match) throw invalidAuthentication();
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const ledger = colon > 0 ? this.ledgers.get(decoded.slice(0, colon)) : undefined;
    if (!ledger || !constantTimeEqual(ledger.account.consumerSecret, decoded.slice(colon + 1))) throw invalidAuthentication();
    const token = randomBytes(21).toString('base64url');
    this.tokens.set(token, { ledger, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 });
    this.tokensIssued += 1;
    return { access_token: token, expires_in: String(this.tokenTtlSeconds) };
  }

  private authenticate(header: string | undefined): DarajaLedger {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry || entry.expiresAt <= Date.now()) throw invalidToken();
    return entry.ledger;
  }

  private resend(checkoutRequestId: string): Promise<StkCallbackBody> {
    const ledger = [...this.ledgers.values()].find((candidate) => candidate.owns(checkoutRequestId));
    if (!ledger) throw invalidField('CheckoutRequestID');
    return ledger.resendCallback(checkoutRequestId);
  }

  private later(delayMs: number, task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task().catch(() => undefined);
    }, delayMs);
    this.timers.add(timer);
  }

  /** POSTs as Daraja does: JSON, no signature, no retry; a refused or failed delivery is only recorded. */
  private async deliver(url: string, body: StkCallbackBody | ReversalResultBody): Promise<void> {
    const delivery: Delivery = { url, body, status: null, sentAt: Date.now() };
    this.deliveries.push(delivery);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch {
      // Daraja does not retry a callback the receiver did not take.
    }
  }
}

async function readBody(request: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DarajaError(400, '400.002.05', 'Invalid Request Payload');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // answered below
  }
  throw new DarajaError(400, '400.002.05', 'Invalid Request Payload');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
