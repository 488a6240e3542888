import { Body, Controller, Get, HttpCode, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { isKnownCurrency, Money } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { absoluteUrl } from '../../common/public-url.js';
import { CreatePaymentDto } from './dto/create-payment.dto.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';
import { transactionView } from './transaction.view.js';

/**
 * The gateway API document's payment links (`/api/v1/pay`, `/api/v1/transaction/{id}`): a thin adapter
 * over Checkout Sessions. The transaction is the session (`cs_…`), its `payment_url` the hosted page.
 * The document authenticates with HMAC-signed requests only, and answers in its own envelope.
 */
@Controller('api/v1')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
export class GatewayApiPaymentsController {
  constructor(private readonly client: MessageClient) {}

  @Post('pay')
  @Access({ scope: 'payments:write' })
  @HttpCode(201)
  async pay(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentDto, @Req() req: Request) {
    const amount = minorAmount(body.amount, body.currency);
    const session = await this.client.send(Patterns.CheckoutSessionCreate, {
      caller,
      params: {
        mode: 'payment',
        line_items: [{ price_data: { currency: body.currency, unit_amount: amount, product_data: { name: `Order ${body.order_id}` } }, quantity: 1 }],
        success_url: body.return_url,
        cancel_url: body.return_url,
        order_id: body.order_id,
        ...(body.customer_email ? { customer_email: body.customer_email } : {}),
        ...(body.customer_name ? { customer_name: body.customer_name } : {}),
        ...(body.customer_phone ? { customer_phone: body.customer_phone } : {}),
        ...(body.metadata ? { metadata: body.metadata } : {}),
      },
    }).catch((error: unknown) => {
      throw inDocumentTerms(error);
    });
    const view = transactionView({ ...session, url: absoluteUrl(session.url, req) });
    return {
      success: true,
      message: 'Payment created successfully',
      data: { transaction_id: view.transaction_id, order_id: view.order_id, amount: view.amount, currency: view.currency, status: view.status, payment_url: view.payment_url },
    };
  }

  @Get('transaction/:id')
  @Access({ scope: 'payments:read' })
  async transaction(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    const session = await this.client.send(Patterns.CheckoutSessionRetrieve, { caller, params: { id } }).catch((error: unknown) => {
      throw error instanceof PayrailError && error.code === 'resource_missing' ? new PayrailError('resource_missing', 'Transaction not found') : error;
    });
    const { payment_url: paymentUrl, ...view } = transactionView({ ...session, url: absoluteUrl(session.url, req) });
    return { success: true, data: { ...view, ...(paymentUrl ? { payment_url: paymentUrl } : {}) } };
  }
}

/** The session's parameter names, as this document's fields. */
const DOCUMENT_FIELDS: Array<[RegExp, string]> = [
  [/^line_items(\[0\]\[price_data\]\[unit_amount\])?$/, 'amount'],
  [/^line_items\[0\]\[price_data\]\[currency\]$/, 'currency'],
  [/^(success_url|cancel_url)$/, 'return_url'],
];

function inDocumentTerms(error: unknown): unknown {
  if (!(error instanceof PayrailError) || !error.param) return error;
  const field = DOCUMENT_FIELDS.find(([pattern]) => pattern.test(error.param!))?.[1];
  return field ? new PayrailError(error.code, error.message, { ...error.options, param: field }) : error;
}

/** `1500.00` INR → 150000 paise, exactly; more decimals than the currency has is a 422 on `amount`. */
function minorAmount(amount: number, currency: string): number {
  if (!isKnownCurrency(currency)) throw new PayrailError('parameter_invalid', 'currency must be a valid ISO 4217 code', { param: 'currency' });
  try {
    return Number(Money.parseMajor(amount.toString(), currency).minor);
  } catch (error) {
    throw new PayrailError('parameter_invalid', `amount: ${(error as Error).message}`, { param: 'amount' });
  }
}
