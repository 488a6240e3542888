import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { Patterns, type Caller, type PaymentIntentResource } from '@payrail/contracts';
import { Money, normalizeMpesaPhone } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { RequiresScope } from '../../authentication/requires-scope.decorator.js';
import { MpesaApiErrorFilter } from './mpesa-api-error.filter.js';
import { MpesaHistoryQueryDto, MpesaInitiateDto, MpesaRefundDto, MpesaVerifyDto } from './mpesa-api.dto.js';
import { historyEntry, receipt, verification } from './mpesa-api.mapper.js';

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
export class MpesaApiController {
  constructor(private readonly client: MessageClient) {}

  @Post('mpesa')
  @RequiresScope('payments:write')
  @HttpCode(200)
  async initiate(@CurrentCaller() caller: Caller, @Body() body: MpesaInitiateDto) {
    const phone = normalizeMpesaPhone(body.phone_number);
    if (!phone) throw new PayrailError('parameter_invalid', 'Invalid phone number format: expected 254XXXXXXXXX.', { param: 'phone_number' });
    if (body.currency !== undefined && body.currency.toLowerCase() !== 'kes') throw new PayrailError('parameter_invalid', 'M-Pesa payments are in KES only.', { param: 'currency' });
    const amount = minorShillings(body.amount);
    if (amount <= 0) throw new PayrailError('amount_too_small', 'Amount below minimum allowed.', { param: 'amount' });
    const orderId = body.order_id === undefined ? undefined : String(body.order_id);
    const method = await this.client.send(Patterns.PaymentMethodCreate, { caller, params: { type: 'mpesa', mpesa: { phone_number: phone } } });
    const intent = await this.client.send(Patterns.PaymentIntentCreate, {
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
    });
    if (intent.amount !== amount) throw new PayrailError('idempotency_error', `Order ${orderId} was already initiated with another amount.`, { param: 'order_id' });
    if (intent.last_payment_error && intent.status === 'requires_payment_method') throw new PayrailError('card_declined', intent.last_payment_error.message ?? 'Payment processing failed.');
    return {
      message: 'Payment initiated',
      transaction_id: intent.id,
      checkout_request_id: intent.next_action?.type === 'mpesa_stk_push' ? intent.next_action.mpesa_stk_push.checkout_request_id : null,
    };
  }

  @Post('verify')
  @RequiresScope('payments:read')
  @HttpCode(200)
  async verify(@CurrentCaller() caller: Caller, @Body() body: MpesaVerifyDto) {
    const intent = await this.transaction(caller, body.transaction_id);
    if (body.order_id !== undefined && intent.metadata['order_id'] !== String(body.order_id)) {
      throw new PayrailError('resource_missing', `No transaction ${body.transaction_id} for order ${body.order_id}.`, { param: 'order_id' });
    }
    return verification(intent);
  }

  @Get('history')
  @RequiresScope('payments:read')
  async history(@CurrentCaller() caller: Caller, @Query() query: MpesaHistoryQueryDto) {
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
  @RequiresScope('payments:read')
  async receipt(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const intent = await this.transaction(caller, id);
    const charge = intent.latest_charge ? await this.client.send(Patterns.ChargeRetrieve, { caller, params: { id: intent.latest_charge } }) : null;
    return receipt(intent, charge);
  }

  @Post('transactions/:id/refund')
  @RequiresScope('refunds:write')
  @HttpCode(200)
  async refund(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: MpesaRefundDto) {
    const intent = await this.transaction(caller, id);
    const refund = await this.client.send(Patterns.RefundCreate, {
      caller,
      params: {
        payment_intent: intent.id,
        ...(body.amount !== undefined ? { amount: minorShillings(body.amount) } : {}),
        reason: 'requested_by_customer',
        ...(body.reason ? { metadata: { reason: body.reason.slice(0, 500) } } : {}),
      },
    });
    return { message: refund.status === 'succeeded' ? 'Refund processed successfully' : 'Refund initiated', refund_id: refund.id, status: refund.status };
  }

  /** The document's transaction: one of the caller's M-Pesa PaymentIntents; anything else is not found. */
  private async transaction(caller: Caller, id: string): Promise<PaymentIntentResource> {
    const intent = await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } });
    if (!intent.payment_method_types.includes('mpesa')) throw new PayrailError('resource_missing', `No such transaction: '${id}'`, { param: 'transaction_id' });
    return intent;
  }
}

/** `1000.00` shillings → 100000 KES cents, exactly; more decimals than KES has is a 400 on `amount`. */
function minorShillings(amount: number): number {
  try {
    return Number(Money.parseMajor(amount.toString(), 'KES').minor);
  } catch (error) {
    throw new PayrailError('parameter_invalid', `amount: ${(error as Error).message}`, { param: 'amount' });
  }
}
