import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { classify, PayrailError } from '@payrail/errors';
import type { Response } from 'express';
import type { GatewayApiErrorResource, GatewayApiValidationErrorResource } from './gateway-api.resources.js';

/** What a caller can correct in its request: the document's 422 with an `errors` map per field. */
const FIELD_CODES = new Set(['parameter_invalid', 'parameter_missing', 'parameter_unknown', 'amount_too_small', 'amount_too_large']);

/**
 * The gateway API document's errors: `{success: false, message, code}` with the HTTP status as `code`,
 * and validation failures as 422 `{success: false, message: "Validation failed", errors: {field: [..]}, code: 422}`.
 */
@Catch()
export class GatewayApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GatewayApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof PayrailError) {
      const { status, body } = gatewayApiErrorResponse(exception);
      // A temporary failure says when to try again (the bus down through all of /pay's tries).
      const retryAfter = exception.options.details?.['retry_after'];
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      res.status(status).json(body);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      res.status(exception.getStatus()).json({ success: false, message: exception.message, code: exception.getStatus() });
      return;
    }
    const internal = PayrailError.internal();
    this.logger.error(`Unhandled error on the gateway API (error id ${internal.options.details?.['error_id']})`, exception instanceof Error ? exception.stack : undefined);
    res.status(500).json({ success: false, message: internal.message, code: 500 });
  }
}

export type GatewayApiErrorBody = GatewayApiErrorResource | GatewayApiValidationErrorResource;

/**
 * `error` in the document's body. A request refused as `malformed` (a body that cannot be parsed, a parameter
 * no service could take) is the document's 400 Bad Request, not a field's 422 Validation Error.
 */
export function gatewayApiErrorResponse(error: PayrailError, { malformed = false } = {}): { status: number; body: GatewayApiErrorBody } {
  if (!malformed && FIELD_CODES.has(error.code)) {
    return { status: 422, body: { success: false, message: 'Validation failed', errors: { [fieldOf(error.param)]: [error.message] }, code: 422 } };
  }
  const status = classify(error.code).status;
  return { status, body: { success: false, message: messageOf(error), code: status } };
}

/** `metadata[product_id]` → `metadata.product_id`, as Laravel-style `errors` maps name nested fields. */
function fieldOf(param: string | undefined): string {
  if (!param) return 'request';
  return param.replace(/\[([^\]]*)\]/g, '.$1');
}

function messageOf(error: PayrailError): string {
  if (error.code === 'signature_invalid') return 'Invalid signature';
  if (error.code === 'rate_limited') return 'Too many requests';
  return error.message;
}
