import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { Patterns, type Caller, type CustomerResource, type PaymentIntentResource } from '@payrail/contracts';
import { Money, MPESA_MAX_SHILLINGS, MPESA_MIN_SHILLINGS, normalizeMpesaPhone } from '@payrail/domain';
import { classify, PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../../idempotency/idempotency-key-of.js';
import type { EdgeRequest } from '../../http/request-id.middleware.js';
import { ApiErrorBodies } from '../../docs/api-error-bodies.decorator.js';
import { MpesaApiErrorFilter } from './mpesa-api-error.filter.js';
import {
  MpesaCallbackReceivedResource,
  MpesaErrorResource,
  MpesaHistoryResource,
  MpesaMethodAddedResource,
  MpesaMethodsResource,
  MpesaPaymentInitiatedResource,
  MpesaReceiptResource,
  MpesaRefundResource,
  MpesaTestCallbackResource,
  MpesaVerificationResource,
} from './mpesa-api.resources.js';
import {
  MpesaAddMethodDto,
  MpesaHistoryQueryDto,
  MpesaInitiateDto,
  MpesaMethodsQueryDto,
  MpesaRefundDto,
  MpesaTestCallbackDto,
  MpesaTestPaymentDto,
  MpesaVerifyDto,
} from './mpesa-api.dto.js';
import { historyEntry, mpesaApiStatus, receipt, savedMethod, verification } from './mpesa-api.mapper.js';

const HISTORY_PAGE_SIZE = 20;
/** History reads at most this many recent intents (Payrail's lists are cursor-paged; the document's is numbered). */
const HISTORY_SCAN_LIMIT = 1000;

/**
 * The M-Pesa API document's own surface (`/api/payment/…`), thin over the PaymentIntents, Charges and
 * Refunds patterns that `/v1` sends: shillings as decimals, the transaction is the PaymentIntent (`pi_…`),
 * errors as `{error, code, details}`. Bearer access tokens authenticate, as the document says; API keys too.
 */
@Controller('api/payment')
@UseFilters(MpesaApiErrorFilter)
@ApiErrorBodies(MpesaErrorResource, {
  400: '`INVALID_REQUEST`, `INVALID_PHONE`, `INVALID_CURRENCY`, `AMOUNT_TOO_LOW`, `AMOUNT_TOO_HIGH` (`details.field` names the parameter); an order initiated before with another amount.',
  401: '`UNAUTHORIZED`.',
  403: '`FORBIDDEN`.',
  404: '`NOT_FOUND`: no such M-Pesa transaction, customer or (in live mode) sandbox route.',
  429: '`RATE_LIMIT_EXCEEDED`.',
})
export class MpesaApiController {
  constructor(private readonly client: MessageClient) {}

  @Post('mpesa')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  @ApiErrorBodies(MpesaErrorResource, { 402: '`PAYMENT_FAILED`: the push was refused.', 409: '`CONFLICT`: the same order is being initiated at this moment.' })
  initiate(@CurrentCaller() caller: Caller, @Body() body: MpesaInitiateDto): Promise<MpesaPaymentInitiatedResource> {
    if (body.currency !== undefined && body.currency.toLowerCase() !== 'kes') throw new PayrailError('parameter_invalid', 'M-Pesa payments are in KES only.', { param: 'currency' });
    return this.stkPush(caller, body.phone_number, body.amount, orderIdOf(body.order_id));
  }

  /** The document's sandbox payment: the same STK push without an order, refused in live mode. */
  @Post('test/mpesa')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  @ApiErrorBodies(MpesaErrorResource, { 402: '`PAYMENT_FAILED`: the push was refused.' })
  testPayment(@CurrentCaller() caller: Caller, @Body() body: MpesaTestPaymentDto): Promise<MpesaPaymentInitiatedResource> {
    if (caller.livemode) throw new PayrailError('route_missing', 'The sandbox test routes are not available in live mode.');
    return this.stkPush(caller, body.phone_number, body.amount, undefined);
  }

  /**
   * The document's STK callback URL. It carries no account and no secret, so it authenticates nothing by
   * itself: the callback counts only for a push Payrail sent and still waits on (its CheckoutRequestID,
   * made by Daraja, names it), with the push's amount and phone, and only once the STK query to Daraja
   * confirms the outcome. A forger can at most make Payrail ask Daraja sooner. Payrail's own pushes give
   * Daraja the account's tokenised URL; this one serves callbacks sent where the document says.
   */
  @Post('mpesa-callback')
  @Access({ public: true })
  @HttpCode(200)
  async mpesaCallback(@Req() req: EdgeRequest): Promise<MpesaCallbackReceivedResource> {
    const received = await this.client.send(Patterns.ConnectorMpesaDocumentCallback, { rawBody: (req.rawBody ?? Buffer.alloc(0)).toString('base64') });
    return { message: 'Callback received', duplicate: received.duplicate };
  }

  /**
   * The document's sandbox callback, test mode only. It makes no outcome up (the test phone chose it at
   * the simulated Daraja): the transaction is settled with the gateway now, as its callback would have it
   * (the STK query), and the status reached is answered; a final status other than the expected one is a 400.
   */
  @Post('test/callback')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  async testCallback(@CurrentCaller() caller: Caller, @Body() body: MpesaTestCallbackDto): Promise<MpesaTestCallbackResource> {
    if (caller.livemode) throw new PayrailError('route_missing', 'The sandbox test routes are not available in live mode.');
    const intent = await this.transaction(caller, body.transaction_id);
    const status = mpesaApiStatus(intent);
    if (status !== 'pending' && status !== body.status) {
      throw new PayrailError('parameter_invalid', `M-Pesa reports this transaction ${status}, not ${body.status}.`, { param: 'status' });
    }
    return { message: status === 'pending' ? 'The customer has not answered the M-Pesa prompt yet' : 'Callback processed', transaction_id: intent.id, status };
  }

  @Get('methods')
  @Access({ scope: 'payments:read' })
  async methods(@CurrentCaller() caller: Caller, @Query() query: MpesaMethodsQueryDto): Promise<MpesaMethodsResource> {
    const accounts = await this.client.send(Patterns.GatewayAccountList, { caller, params: { gateway: 'mpesa', limit: 100 } });
    const methods: MpesaMethodsResource['methods'] = [{ type: 'mpesa', display_name: 'M-Pesa', enabled: accounts.data.some((account) => account.enabled), currency: 'KES' }];
    if (!query.customer) return { methods };
    const customer = await this.customer(caller, query.customer);
    // Not `type: 'mpesa'`: the payments service's list still answers only `card` to a type filter.
    const saved = await this.client.send(Patterns.PaymentMethodList, { caller, params: { customer: customer.id, limit: 100 } });
    return { methods, saved: saved.data.filter((method) => method.type === 'mpesa').map((method) => savedMethod(method, customer.invoice_settings.default_payment_method)) };
  }

  /** Saves the number as an M-Pesa PaymentMethod of a customer (a new one unless `customer` names one), its default if asked. */
  @Post('methods')
  @Access({ scope: 'payments:write' })
  @HttpCode(201)
  async addMethod(@CurrentCaller() caller: Caller, @Body() body: MpesaAddMethodDto): Promise<MpesaMethodAddedResource> {
    if (body.type !== 'mpesa') throw new PayrailError('parameter_invalid', 'Only M-Pesa payment methods (type "mpesa") can be added here.', { param: 'type' });
    const phone = normalizeMpesaPhone(body.details.phone_number);
    if (!phone) throw new PayrailError('parameter_invalid', 'Invalid phone number format: expected 254XXXXXXXXX.', { param: 'phone_number' });
    const existing = body.customer ? await this.customer(caller, body.customer) : null;
    const method = await this.client.send(Patterns.PaymentMethodCreate, { caller, params: { type: 'mpesa', mpesa: { phone_number: phone } } });
    const defaults = body.is_default ? { invoice_settings: { default_payment_method: method.id } } : {};
    const customer = existing
      ? (await this.client.send(Patterns.PaymentMethodAttach, { caller, params: { id: method.id, customer: existing.id } }),
        body.is_default ? await this.client.send(Patterns.CustomerUpdate, { caller, params: { id: existing.id, ...defaults } }) : existing)
      : await this.client.send(Patterns.CustomerCreate, { caller, params: { phone, payment_method: method.id, ...defaults } });
    return { message: 'Payment method added', ...savedMethod({ ...method, customer: customer.id }, customer.invoice_settings.default_payment_method), customer: customer.id };
  }

  @Post('verify')
  @Access({ scope: 'payments:read' })
  @HttpCode(200)
  async verify(@CurrentCaller() caller: Caller, @Body() body: MpesaVerifyDto): Promise<MpesaVerificationResource> {
    const intent = await this.transaction(caller, body.transaction_id);
    const orderId = orderIdOf(body.order_id);
    if (orderId !== undefined && intent.metadata['order_id'] !== orderId) {
      throw new PayrailError('resource_missing', `No transaction ${body.transaction_id} for order ${body.order_id}.`, { param: 'order_id' });
    }
    return verification(intent);
  }

  @Get('history')
  @Access({ scope: 'payments:read' })
  async history(@CurrentCaller() caller: Caller, @Query() query: MpesaHistoryQueryDto): Promise<MpesaHistoryResource> {
    const page = query.page === undefined ? 1 : Number(query.page);
    const pageSize = query.page_size === undefined ? HISTORY_PAGE_SIZE : Number(query.page_size);
    if (!Number.isInteger(page) || page < 1) throw new PayrailError('parameter_invalid', 'page must be a positive integer.', { param: 'page' });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new PayrailError('parameter_invalid', 'page_size must be an integer from 1 to 100.', { param: 'page_size' });
    const mpesa: PaymentIntentResource[] = [];
    let startingAfter: string | undefined;
    for (let read = 0; read < HISTORY_SCAN_LIMIT; read += 100) {
      const list = await this.client.send(Patterns.PaymentIntentList, { caller, params: { limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) } });
      mpesa.push(...list.data.filter((intent) => intent.payment_method_types.includes('mpesa')));
      if (!list.has_more || list.data.length === 0) break;
      startingAfter = list.data[list.data.length - 1]!.id;
    }
    return { results: mpesa.slice((page - 1) * pageSize, page * pageSize).map(historyEntry), total: mpesa.length, page };
  }

  @Get('transactions/:id/receipt')
  @Access({ scope: 'payments:read' })
  async receipt(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<MpesaReceiptResource> {
    const intent = await this.transaction(caller, id);
    const charge = intent.latest_charge ? await this.client.send(Patterns.ChargeRetrieve, { caller, params: { id: intent.latest_charge } }) : null;
    return receipt(intent, charge);
  }

  @Post('transactions/:id/refund')
  @Access({ scope: 'refunds:write' })
  @HttpCode(200)
  async refund(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: MpesaRefundDto, @Req() req: EdgeRequest): Promise<MpesaRefundResource> {
    const intent = await this.transaction(caller, id);
    const refund = await this.client.send(Patterns.RefundCreate, {
      caller,
      params: {
        payment_intent: intent.id,
        ...(body.amount !== undefined ? { amount: minorShillings(body.amount) } : {}),
        reason: 'requested_by_customer',
        ...(body.reason ? { metadata: { reason: body.reason.slice(0, 500) } } : {}),
      },
      idempotencyKey: idempotencyKeyOf(req),
    });
    return { message: refund.status === 'succeeded' ? 'Refund processed successfully' : 'Refund initiated', refund_id: refund.id, status: refund.status };
  }

  private async stkPush(caller: Caller, phoneNumber: string, shillings: number, orderId: string | undefined): Promise<MpesaPaymentInitiatedResource> {
    const phone = normalizeMpesaPhone(phoneNumber);
    if (!phone) throw new PayrailError('parameter_invalid', 'Invalid phone number format: expected 254XXXXXXXXX.', { param: 'phone_number' });
    const amount = minorShillings(shillings);
    // Checked here as well as by the connector, so that a refused amount leaves no payment under the order_id behind.
    if (amount < MPESA_MIN_SHILLINGS * 100) throw new PayrailError('amount_too_small', `M-Pesa payments must be at least KES ${MPESA_MIN_SHILLINGS}.`, { param: 'amount' });
    if (amount > MPESA_MAX_SHILLINGS * 100) throw new PayrailError('amount_too_large', `M-Pesa payments must be at most KES ${MPESA_MAX_SHILLINGS.toLocaleString('en-US')}.`, { param: 'amount' });
    const method = await this.client.send(Patterns.PaymentMethodCreate, { caller, params: { type: 'mpesa', mpesa: { phone_number: phone } } });
    const created = await this.client
      .send(Patterns.PaymentIntentCreate, {
        caller,
        params: {
          amount,
          currency: 'kes',
          payment_method_types: ['mpesa'],
          payment_method: method.id,
          confirm: true,
          ...(orderId ? { metadata: { order_id: orderId }, description: `Order #${orderId}` } : {}),
        },
        // The document asks for idempotent payment requests: a repeated order is the same payment, not a second push.
        ...(orderId ? { idempotencyKey: `mpesa-api:order:${orderId}` } : {}),
      })
      .catch((error: unknown) => {
        // A repeated order whose earlier push failed (cancelled, no funds…) replays that failure: it is paid by a new attempt on the same PaymentIntent.
        const failed = orderId ? failedIntentOf(error) : undefined;
        if (!failed) throw error;
        return failed;
      });
    if (created.amount !== amount) throw new PayrailError('idempotency_error', `Order ${orderId} was already initiated with another amount.`, { param: 'order_id' });
    const retry = created.status === 'requires_payment_method' && created.payment_method !== method.id;
    const intent = retry ? await this.client.send(Patterns.PaymentIntentConfirm, { caller, params: { id: created.id, payment_method: method.id } }) : created;
    if (intent.last_payment_error && intent.status === 'requires_payment_method') throw new PayrailError('card_declined', intent.last_payment_error.message ?? 'Payment processing failed.');
    return {
      message: 'Payment initiated',
      transaction_id: intent.id,
      checkout_request_id: intent.next_action?.type === 'mpesa_stk_push' ? intent.next_action.mpesa_stk_push.checkout_request_id : null,
    };
  }

  private async customer(caller: Caller, id: string): Promise<CustomerResource> {
    const customer = await this.client.send(Patterns.CustomerRetrieve, { caller, params: { id } });
    if ('deleted' in customer) throw new PayrailError('resource_missing', `No such customer: '${id}'`, { param: 'customer' });
    return customer;
  }

  /** The document's transaction: one of the caller's M-Pesa PaymentIntents; anything else is not found. */
  private async transaction(caller: Caller, id: string): Promise<PaymentIntentResource> {
    const intent = await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } });
    if (!intent.payment_method_types.includes('mpesa')) throw new PayrailError('resource_missing', `No such transaction: '${id}'`, { param: 'transaction_id' });
    return intent;
  }
}

/** The PaymentIntent a payment failure concerns (Stripe's `error.payment_intent`), when it awaits a new payment method. */
function failedIntentOf(error: unknown): PaymentIntentResource | undefined {
  if (!(error instanceof PayrailError) || classify(error.code).type !== 'card_error') return undefined;
  const intent = error.options.details?.['payment_intent'] as PaymentIntentResource | undefined;
  return intent?.status === 'requires_payment_method' ? intent : undefined;
}

/** The document's `order_id` (`123` or `"A-77"`) as the text kept in metadata. */
function orderIdOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (!text || text.length > 100) throw new PayrailError('parameter_invalid', 'order_id must be a number or a string of 1 to 100 characters.', { param: 'order_id' });
  return text;
}

/** `1000.00` shillings → 100000 KES cents, exactly; more decimals than KES has is a 400 on `amount`. */
function minorShillings(amount: number): number {
  try {
    return Number(Money.parseMajor(amount.toString(), 'KES').minor);
  } catch (error) {
    throw new PayrailError('parameter_invalid', `amount: ${(error as Error).message}`, { param: 'amount' });
  }
}
