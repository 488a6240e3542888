import { PayrailError } from '@payrail/errors';
import { GatewayOutcomeUnknownError, GatewayUnreachableError, type GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { RazorpayCollection, RazorpayErrorBody, RazorpayNotes, RazorpayOrder, RazorpayPayment, RazorpayRefund } from './razorpay-wire.js';

export interface RazorpayCredentials {
  keyId: string;
  keySecret: string;
}

/** Razorpay's answer to a request it understood and refused (HTTP 400): the caller decides what it means. */
export class RazorpayRefusal extends Error {
  override readonly name = 'RazorpayRefusal';

  constructor(readonly error: RazorpayErrorBody['error']) {
    super(error.description);
  }
}

const GATEWAY = 'razorpay';

/** Razorpay's REST API for one account, over the one gateway HTTP client; HTTP Basic `key_id:key_secret`. */
export class RazorpayApi {
  private readonly authorization: string;

  constructor(
    private readonly http: GatewayHttpClient,
    private readonly apiBase: string,
    credentials: RazorpayCredentials,
  ) {
    this.authorization = `Basic ${Buffer.from(`${credentials.keyId}:${credentials.keySecret}`).toString('base64')}`;
  }

  /** Creating an order moves no money and its receipt finds it again, so a lost answer may be asked for again. */
  createOrder(body: { amount: number; currency: string; receipt: string; notes: RazorpayNotes; payment_capture: boolean }): Promise<RazorpayOrder> {
    return this.call('POST', '/v1/orders', body, true);
  }

  ordersByReceipt(receipt: string): Promise<RazorpayCollection<RazorpayOrder>> {
    return this.call('GET', `/v1/orders?receipt=${encodeURIComponent(receipt)}`);
  }

  order(orderId: string): Promise<RazorpayOrder> {
    return this.call('GET', `/v1/orders/${encodeURIComponent(orderId)}`);
  }

  paymentsOfOrder(orderId: string): Promise<RazorpayCollection<RazorpayPayment>> {
    return this.call('GET', `/v1/orders/${encodeURIComponent(orderId)}/payments`);
  }

  payment(paymentId: string): Promise<RazorpayPayment> {
    return this.call('GET', `/v1/payments/${encodeURIComponent(paymentId)}`);
  }

  /** Razorpay refuses a second capture of a payment, so repeating a lost one cannot capture twice. */
  capture(paymentId: string, amount: number, currency: string): Promise<RazorpayPayment> {
    return this.call('POST', `/v1/payments/${encodeURIComponent(paymentId)}/capture`, { amount, currency }, true);
  }

  /** Razorpay deduplicates no refund: a lost answer is an unknown outcome, never repeated blindly. */
  refund(paymentId: string, body: { amount: number; receipt: string; notes: RazorpayNotes }): Promise<RazorpayRefund> {
    return this.call('POST', `/v1/payments/${encodeURIComponent(paymentId)}/refund`, body, false);
  }

  refundsOfPayment(paymentId: string): Promise<RazorpayCollection<RazorpayRefund>> {
    return this.call('GET', `/v1/payments/${encodeURIComponent(paymentId)}/refunds?count=100`);
  }

  /** The latest order, if any: a cheap authenticated read. */
  latestOrder(): Promise<RazorpayCollection<RazorpayOrder>> {
    return this.call('GET', '/v1/orders?count=1');
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: object, idempotent = method === 'GET'): Promise<T> {
    const reply = await this.http.send(GATEWAY, {
      method,
      url: `${this.apiBase}${path}`,
      headers: { authorization: this.authorization, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      idempotent,
    });
    if (reply.status >= 200 && reply.status < 300) return parse<T>(reply.body);
    if (reply.status === 401) {
      throw new PayrailError('gateway_credentials_refused', "Razorpay refused the gateway account's key_id and key_secret; update the gateway account's credentials.");
    }
    // Razorpay refused before acting: nothing happened, and another gateway may be tried.
    if (reply.status === 429) throw new GatewayUnreachableError('razorpay rate-limited the request; it was not processed');
    if (reply.status >= 500) {
      // A read changes nothing; a write that met a server error may or may not have been applied.
      if (method === 'GET') throw new GatewayUnreachableError(`razorpay answered ${reply.status}`);
      throw new GatewayOutcomeUnknownError(`razorpay answered ${reply.status} to a ${method}`);
    }
    const refused = parse<Partial<RazorpayErrorBody>>(reply.body).error;
    if (!refused || typeof refused.description !== 'string') throw new GatewayOutcomeUnknownError(`razorpay answered ${reply.status} without an error body`);
    throw new RazorpayRefusal(refused);
  }
}

function parse<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new GatewayOutcomeUnknownError('razorpay answered with a body that is not JSON');
  }
}
