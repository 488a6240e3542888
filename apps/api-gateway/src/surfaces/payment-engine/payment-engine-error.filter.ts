import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { classify, PayrailError } from '@payrail/errors';
import { currencyExponent, isKnownCurrency } from '@payrail/domain';
import type { Request, Response } from 'express';
import type { EngineError, EngineErrorResource } from './payment-engine.resources.js';

/** The document's error codes, by Payrail's code or, failing that, by HTTP status. */
function engineCode(error: PayrailError, status: number): EngineError['code'] {
  if (error.code === 'insufficient_funds') return 'INSUFFICIENT_FUNDS';
  if (error.code === 'account_status_invalid') return 'INVALID_ACCOUNT_STATUS';
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'RATE_LIMIT_EXCEEDED';
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST';
  }
}

const HTTP_CODES: Partial<Record<number, PayrailError['code']>> = {
  [HttpStatus.NOT_FOUND]: 'route_missing',
  [HttpStatus.BAD_REQUEST]: 'parameter_invalid',
  [HttpStatus.UNAUTHORIZED]: 'api_key_invalid',
  [HttpStatus.FORBIDDEN]: 'permission_denied',
  [HttpStatus.TOO_MANY_REQUESTS]: 'rate_limited',
};

/** The document's details: decimal amounts and its field names. */
function engineDetails(error: PayrailError): Record<string, unknown> {
  const details = (error.options.details?.['details'] ?? {}) as Record<string, unknown>;
  const currency = typeof details['currency'] === 'string' ? details['currency'] : undefined;
  const decimal = (minor: unknown) => (typeof minor === 'number' && currency && isKnownCurrency(currency) ? minor / 10 ** currencyExponent(currency) : minor);
  if (error.code === 'insufficient_funds') {
    return { accountId: details['account_id'], requestedAmount: decimal(details['requested_amount']), availableBalance: decimal(details['available_balance']) };
  }
  if (error.code === 'account_status_invalid') return { accountId: details['account_id'], status: details['status'] };
  return error.param ? { field: error.param } : {};
}

/** `error` in the document's body, with the HTTP status Payrail gives the same failure. */
export function paymentEngineErrorResponse(error: PayrailError, requestId: string | null | undefined): { status: number; body: EngineErrorResource } {
  const { status } = classify(error.code);
  return {
    status,
    body: { error: { code: engineCode(error, status), message: error.message, details: engineDetails(error), timestamp: new Date().toISOString(), requestId: requestId ?? null } },
  };
}

/**
 * Errors on the Payment Engine surface in that document's body, `{error: {code, message, details,
 * timestamp, requestId}}`, with its codes; the HTTP status is Payrail's own for the same failure.
 */
@Catch()
export class PaymentEngineErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PaymentEngineErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { requestId?: string }>();
    const res = http.getResponse<Response>();
    const error = this.toPayrailError(exception, req);
    if (res.headersSent) return;
    const { status, body } = paymentEngineErrorResponse(error, req.requestId);
    res.status(status).json(body);
  }

  private toPayrailError(exception: unknown, req: Request): PayrailError {
    if (exception instanceof PayrailError) return exception;
    const code = exception instanceof HttpException ? HTTP_CODES[exception.getStatus()] : undefined;
    if (code) return new PayrailError(code, exception instanceof HttpException ? exception.message : 'Request failed.');
    const internal = PayrailError.internal();
    this.logger.error(`Unhandled ${exception instanceof Error ? exception.name : typeof exception} on ${req.method} ${req.path} (error id ${internal.options.details?.['error_id']})`);
    return internal;
  }
}
