import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { Patterns, TRANSFER_PAYMENT_TYPES, TRANSFER_STATUSES, type Caller, type TransferPaymentType, type TransferStatus } from '@payrail/contracts';
import { isKnownCurrency, Money } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../../idempotency/idempotency-key-of.js';
import { ApiErrorBodies } from '../../docs/api-error-bodies.decorator.js';
import { PaymentEngineErrorFilter } from './payment-engine-error.filter.js';
import { EngineTransactionDto, EngineTransactionListDto } from './payment-engine.dto.js';
import { toEngineAccount, toEngineBalance, toEngineTransaction } from './payment-engine.mapper.js';
import {
  EngineAccountListResource,
  EngineAccountResource,
  EngineBalanceResource,
  EngineErrorResource,
  EngineTransactionListResource,
  EngineTransactionResource,
  EngineTransactionStatusResource,
} from './payment-engine.resources.js';

/**
 * The Payment Engine document's own surface, thin over the ledger's patterns (the same as /v1/accounts and
 * /v1/transfers): its field names, decimal amounts and error body. API keys (`X-API-Key` or bearer) and
 * OAuth access tokens authenticate, as everywhere at the edge.
 */
@Controller('api/v1')
@UseFilters(PaymentEngineErrorFilter)
@ApiErrorBodies(EngineErrorResource, {
  400: '`INVALID_REQUEST` (`details.field` names the parameter).',
  401: '`UNAUTHORIZED`.',
  403: '`FORBIDDEN`: the credential may not do this.',
  404: '`NOT_FOUND`.',
  429: '`RATE_LIMIT_EXCEEDED`.',
})
export class PaymentEngineController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Payment Engine document: the merchant's ledger accounts (`availableBalance`, `pendingBalance` as
   * decimals, `currencyCode`)
   */
  @Get('accounts')
  @Access({ scope: 'accounts:read' })
  async accounts(@CurrentCaller() caller: Caller): Promise<EngineAccountListResource> {
    const list = await this.client.send(Patterns.LedgerAccountList, { caller, params: { limit: 100 } });
    return { data: list.data.map(toEngineAccount), hasMore: list.has_more };
  }

  /**
   * Payment Engine document: one ledger account
   */
  @Get('accounts/:id')
  @Access({ scope: 'accounts:read' })
  async account(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EngineAccountResource> {
    return toEngineAccount(await this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } }));
  }

  /**
   * Payment Engine document: `{accountId, availableBalance, pendingBalance, currencyCode}`
   */
  @Get('accounts/:id/balance')
  @Access({ scope: 'accounts:read' })
  async balance(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EngineBalanceResource> {
    return toEngineBalance(await this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } }));
  }

  /**
   * Payment Engine document: a transfer with its field names (`fromAccountId`, `toAccountId`,
   * `paymentTypeId`, decimal `amount`, `currencyCode`, `description`, `externalReference`, `metadata`);
   * errors in its body with `INSUFFICIENT_FUNDS` / `INVALID_ACCOUNT_STATUS` (422), `INVALID_REQUEST` (400)
   */
  @Post('transactions')
  @Access({ scope: 'transfers:write' })
  @HttpCode(201)
  @ApiErrorBodies(EngineErrorResource, { 422: '`INSUFFICIENT_FUNDS` (with `accountId`, `requestedAmount`, `availableBalance`) or `INVALID_ACCOUNT_STATUS`.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: EngineTransactionDto, @Req() req: Request): Promise<EngineTransactionResource> {
    const paymentType = body.paymentTypeId.toUpperCase();
    if (!(TRANSFER_PAYMENT_TYPES as readonly string[]).includes(paymentType)) {
      throw new PayrailError('parameter_invalid', `paymentTypeId must be one of ${TRANSFER_PAYMENT_TYPES.join(', ')}.`, { param: 'paymentTypeId' });
    }
    const currency = body.currencyCode ?? (await this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id: body.fromAccountId } }).catch(() => null))?.currency;
    if (currency === undefined || !isKnownCurrency(currency)) throw new PayrailError('parameter_invalid', `Unknown currencyCode: ${currency ?? body.currencyCode}.`, { param: 'currencyCode' });
    let amount: number;
    try {
      amount = Number(Money.parseMajor(String(body.amount), currency).minor);
    } catch (error) {
      throw new PayrailError('parameter_invalid', `Invalid amount: ${(error as Error).message}.`, { param: 'amount' });
    }
    const transfer = await this.client.send(Patterns.TransferCreate, {
      caller,
      params: {
        from_account: body.fromAccountId,
        to_account: body.toAccountId,
        payment_type: paymentType as TransferPaymentType,
        amount,
        currency,
        description: body.description,
        external_reference: body.externalReference,
        metadata: body.metadata,
      },
      idempotencyKey: idempotencyKeyOf(req),
    });
    return toEngineTransaction(transfer);
  }

  /**
   * Payment Engine document: transactions, newest first (`accountId`, `status`, `limit`, `startingAfter`).
   * The gateway document's HMAC-signed list on this path is not served here
   */
  @Get('transactions')
  @Access({ scope: 'accounts:read' })
  async list(@CurrentCaller() caller: Caller, @Query() query: EngineTransactionListDto): Promise<EngineTransactionListResource> {
    const status = query.status?.toUpperCase();
    if (status !== undefined && !(TRANSFER_STATUSES as readonly string[]).includes(status)) throw new PayrailError('parameter_invalid', `Unknown status: ${query.status}.`, { param: 'status' });
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new PayrailError('parameter_invalid', 'limit must be an integer from 1 to 100.', { param: 'limit' });
    const list = await this.client.send(Patterns.TransferList, {
      caller,
      params: { account: query.accountId, status: status as TransferStatus | undefined, limit, starting_after: query.startingAfter },
    });
    return { data: list.data.map(toEngineTransaction), hasMore: list.has_more };
  }

  /**
   * Payment Engine document: one transaction
   */
  @Get('transactions/:id')
  @Access({ scope: 'accounts:read' })
  async transaction(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EngineTransactionResource> {
    return toEngineTransaction(await this.client.send(Patterns.TransferRetrieve, { caller, params: { id } }));
  }

  /**
   * Payment Engine document: `{id, status, failureReason, returnCode, completedAt}` for polling
   */
  @Get('transactions/:id/status')
  @Access({ scope: 'accounts:read' })
  async status(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EngineTransactionStatusResource> {
    const transfer = toEngineTransaction(await this.client.send(Patterns.TransferRetrieve, { caller, params: { id } }));
    return { id: transfer.id, status: transfer.status, failureReason: transfer.failureReason, returnCode: transfer.returnCode, completedAt: transfer.completedAt };
  }
}
