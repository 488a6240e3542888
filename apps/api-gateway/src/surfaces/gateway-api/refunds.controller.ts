import { Body, Controller, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { Patterns, type Caller, type RefundStatusValue } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../../idempotency/idempotency-key-of.js';
import { minorAmount } from './document-amount.js';
import { RefundPaymentDto } from './dto/refund-payment.dto.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { ApiGatewayApiErrors } from './gateway-api-errors.decorator.js';
import { type GatewayApiRefund, GatewayApiRefundResource } from './gateway-api.resources.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';
import { majorAmount } from './transaction.view.js';

/** The refund's status in the document's words (`success` as its payments say it). */
const REFUND_STATUS: Record<RefundStatusValue, GatewayApiRefund['status']> = {
  pending: 'pending',
  requires_action: 'pending',
  succeeded: 'success',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * The gateway API document's `POST /api/v1/refund`: a refund of the transaction's PaymentIntent through
 * the refunds service, `amount` in major units converted exactly, `reason` kept as written in metadata.
 */
@Controller('api/v1')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
@ApiGatewayApiErrors()
export class GatewayApiRefundsController {
  constructor(private readonly client: MessageClient) {}

  @Post('refund')
  @Access({ scope: 'refunds:write' })
  @HttpCode(201)
  async refund(@CurrentCaller() caller: Caller, @Body() body: RefundPaymentDto, @Req() req: Request): Promise<GatewayApiRefundResource> {
    const session = await this.client.send(Patterns.CheckoutSessionRetrieve, { caller, params: { id: body.transaction_id } }).catch((error: unknown) => {
      throw error instanceof PayrailError && error.code === 'resource_missing' ? new PayrailError('resource_missing', 'Transaction not found') : error;
    });
    if (session.status !== 'complete' || !session.payment_intent) {
      throw new PayrailError('parameter_invalid', 'Only a successful transaction can be refunded', { param: 'transaction_id' });
    }
    const refund = await this.client.send(Patterns.RefundCreate, {
      caller,
      params: {
        payment_intent: session.payment_intent,
        ...(body.amount !== undefined ? { amount: minorAmount(body.amount, session.currency) } : {}),
        ...(body.reason ? { metadata: { reason: body.reason } } : {}),
      },
      idempotencyKey: idempotencyKeyOf(req),
    });
    return {
      success: true,
      message: 'Refund request submitted',
      data: { refund_id: refund.id, transaction_id: session.id, amount: majorAmount(refund.amount, refund.currency), currency: refund.currency.toUpperCase(), reason: body.reason ?? null, status: REFUND_STATUS[refund.status] },
    };
  }
}
