import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { classify, PayrailError } from '@payrail/errors';
import type { Response } from 'express';
import type { MpesaErrorResource } from './mpesa-api.resources.js';

const HTTP_CODES: Partial<Record<number, PayrailError['code']>> = {
  [HttpStatus.NOT_FOUND]: 'route_missing',
  [HttpStatus.BAD_REQUEST]: 'parameter_invalid',
  [HttpStatus.UNAUTHORIZED]: 'api_key_invalid',
  [HttpStatus.FORBIDDEN]: 'permission_denied',
  [HttpStatus.TOO_MANY_REQUESTS]: 'rate_limited',
};

/** The document's codes where it names one (INVALID_PHONE, AMOUNT_TOO_LOW…), otherwise one per HTTP status. */
export function mpesaApiCode(error: PayrailError, status: number): MpesaErrorResource['code'] {
  if (error.code === 'amount_too_small') return 'AMOUNT_TOO_LOW';
  if (error.code === 'amount_too_large') return 'AMOUNT_TOO_HIGH';
  if (error.code === 'card_declined') return 'PAYMENT_FAILED';
  if (error.param === 'phone_number' || error.param === 'mpesa[phone_number]') return 'INVALID_PHONE';
  if (error.param === 'currency') return 'INVALID_CURRENCY';
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMIT_EXCEEDED';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST';
  }
}

/** The service's parameter names, as this document's fields. */
function documentField(param: string | undefined): string | undefined {
  if (param === 'mpesa[phone_number]') return 'phone_number';
  return param;
}

/** `error` in the document's body, with the HTTP status Payrail gives the same failure. */
export function mpesaApiErrorResponse(error: PayrailError): { status: number; body: MpesaErrorResource } {
  const { status } = classify(error.code);
  const field = documentField(error.param);
  return { status, body: { error: error.message, code: mpesaApiCode(error, status), details: field ? { field } : {} } };
}

/** Errors on the M-Pesa API document's surface in its body, `{error, code, details}`; the HTTP status is Payrail's own. */
@Catch()
export class MpesaApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(MpesaApiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const { status, body } = mpesaApiErrorResponse(this.toPayrailError(exception));
    res.status(status).json(body);
  }

  private toPayrailError(exception: unknown): PayrailError {
    if (exception instanceof PayrailError) return exception;
    const code = exception instanceof HttpException ? HTTP_CODES[exception.getStatus()] : undefined;
    if (code) return new PayrailError(code, (exception as HttpException).message);
    const internal = PayrailError.internal();
    this.logger.error(`Unhandled error on the M-Pesa API surface (error id ${internal.options.details?.['error_id']})`, exception instanceof Error ? exception.stack : undefined);
    return internal;
  }
}
