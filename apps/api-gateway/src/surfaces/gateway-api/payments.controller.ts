import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiResponse } from '@nestjs/swagger';
import { Patterns, type Caller, type CheckoutTransactionResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request, Response } from 'express';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { absoluteUrl } from '../../common/public-url.js';
import { readSignatureHeaders } from '../../request-signing/signed-request-headers.js';
import { CreatePaymentDto } from './dto/create-payment.dto.js';
import { ListTransactionsDto } from './dto/list-transactions.dto.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { ApiGatewayApiErrors } from './gateway-api-errors.decorator.js';
import { GatewayApiErrorResource, GatewayApiPayResource, GatewayApiTransactionResource } from './gateway-api.resources.js';
import { GatewayApiPaymentCreation } from './payment-creation.js';
import { GATEWAY_API_TRANSACTIONS_ROUTE, isSharedTransactionsPath } from './shared-paths.middleware.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';
import { documentRange } from './document-range.js';
import { sessionStatus, transactionView } from './transaction.view.js';

/**
 * The gateway API document's payment links (`/api/v1/pay`, `/api/v1/transaction/{id}`): a thin adapter
 * over Checkout Sessions. The transaction is the session (`cs_…`), its `payment_url` the hosted page.
 * The document authenticates with HMAC-signed requests only, and answers in its own envelope.
 */
@Controller('api/v1')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
@ApiGatewayApiErrors()
export class GatewayApiPaymentsController {
  constructor(
    private readonly client: MessageClient,
    private readonly creation: GatewayApiPaymentCreation,
  ) {}

  /**
   * The document's Create Payment: a Checkout Session for the order_id (unique per merchant), its hosted page as
   * `payment_url`. A retry for an order_id whose payment exists, with the same amount, currency, customer, URLs
   * and metadata, answers that payment as the first request did (201, with `Idempotent-Replayed: true`); the
   * order_id with other details is the 422 on `order_id`.
   */
  @Post('pay')
  @Access({ scope: 'payments:write' })
  @HttpCode(201)
  @ApiResponse({
    status: 503,
    type: GatewayApiErrorResource,
    description: 'The payment service did not answer through three tries (with `Retry-After`): the payment may or may not exist; send the same request again, which answers it if it does.',
  })
  async pay(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<GatewayApiPayResource> {
    const { keyId } = readSignatureHeaders((name) => req.header(name));
    const { session, replayed } = await this.creation.create(caller, body, keyId);
    // A retry gets the first request's answer, status included; the header tells it apart, as on /v1.
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    const view = transactionView({ session: { ...session, url: absoluteUrl(session.url, req) }, status: sessionStatus(session), amount_refunded: 0 });
    return {
      success: true,
      message: 'Payment created successfully',
      data: { transaction_id: view.transaction_id, order_id: view.order_id, amount: view.amount, currency: view.currency, status: view.status, payment_url: view.payment_url },
    };
  }

  @Get('transaction/:id')
  @Access({ scope: 'payments:read' })
  async transaction(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request): Promise<GatewayApiTransactionResource> {
    // Retrieved first: it settles a session past its deadline, and answers 404 for another merchant's.
    await this.client.send(Patterns.CheckoutSessionRetrieve, { caller, params: { id } }).catch((error: unknown) => {
      throw error instanceof PayrailError && error.code === 'resource_missing' ? new PayrailError('resource_missing', 'Transaction not found') : error;
    });
    const found = await this.client.send(Patterns.CheckoutSessionTransactions, { caller, params: { id, limit: 1 } });
    if (!found.data[0]) throw new PayrailError('resource_missing', 'Transaction not found');
    const { payment_url: paymentUrl, ...view } = documentView(found.data[0], req);
    return { success: true, data: { ...view, ...(paymentUrl ? { payment_url: paymentUrl } : {}) } };
  }

  /**
   * `GET /api/v1/transactions`, signed (see shared-paths.middleware.ts): newest first, by numbered pages;
   * every filter is applied by the payments service.
   */
  @Get(GATEWAY_API_TRANSACTIONS_ROUTE.replace('api/v1/', ''))
  @Access({ scope: 'payments:read' })
  // Documented at its public path, beside the Payment Engine's list (see the reference's description of it).
  @ApiExcludeEndpoint()
  async transactions(@CurrentCaller() caller: Caller, @Query() query: ListTransactionsDto, @Req() req: Request) {
    // Only reached through the shared path: the mount point is an implementation detail, not a second URL.
    if (!isSharedTransactionsPath(req.originalUrl)) throw new PayrailError('route_missing', `Unrecognized request URL (GET: ${req.path}).`);
    const created = documentRange(query.from_date, query.to_date);
    const page = await this.client.send(Patterns.CheckoutSessionTransactions, {
      caller,
      params: {
        page: query.page ?? 1,
        limit: query.limit ?? 20,
        ...(query.status ? { status: query.status } : {}),
        ...(query.order_id !== undefined ? { order_id: query.order_id } : {}),
        ...(created ? { created } : {}),
      },
    });
    return {
      success: true,
      data: page.data.map((transaction) => documentView(transaction, req)),
      pagination: { page: page.page, limit: page.limit, total: page.total, total_pages: Math.ceil(page.total / page.limit) },
    };
  }
}

function documentView(transaction: CheckoutTransactionResource, req: Request) {
  return transactionView({ ...transaction, session: { ...transaction.session, url: absoluteUrl(transaction.session.url, req) } });
}
