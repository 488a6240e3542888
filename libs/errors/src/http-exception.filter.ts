import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorEnvelope } from './error-envelope.js';
import { PayrailError } from './payrail-error.js';

/** Every HTTP failure leaves in Stripe's envelope; anything unexpected is a 500 with an error id, logged. */
@Catch()
export class PayrailHttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { requestId?: string }>();
    const res = http.getResponse<Response>();
    const error = this.toPayrailError(exception, req);
    const envelope = toErrorEnvelope(error, req.requestId);
    if (res.headersSent) return;
    // A refusal that says when to try again (login throttling) says it to HTTP clients too.
    const retryAfter = error.options.details?.['retry_after'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    res.status(envelope.status).json(envelope.body);
  }

  private toPayrailError(exception: unknown, req: Request): PayrailError {
    if (exception instanceof PayrailError) return exception;
    if (exception instanceof HttpException) {
      const mapped = fromHttpException(exception, req);
      if (mapped) return mapped;
    }
    const internal = PayrailError.internal();
    this.logger.error(
      `Unhandled ${exception instanceof Error ? exception.name : typeof exception} on ${req.method} ${req.path} (error id ${internal.options.details?.['error_id']})`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return internal;
  }
}

function fromHttpException(exception: HttpException, req: Request): PayrailError | undefined {
  switch (exception.getStatus()) {
    case HttpStatus.NOT_FOUND:
      return new PayrailError('route_missing', `Unrecognized request URL (${req.method}: ${req.path}).`);
    case HttpStatus.METHOD_NOT_ALLOWED:
      return new PayrailError('route_missing', `Unrecognized request URL (${req.method}: ${req.path}).`);
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new PayrailError('body_invalid', 'The request body is too large.');
    case HttpStatus.BAD_REQUEST:
      return new PayrailError('parameter_invalid', 'The request could not be understood.');
    case HttpStatus.UNAUTHORIZED:
      return new PayrailError('api_key_invalid', 'Invalid API Key provided.');
    case HttpStatus.FORBIDDEN:
      return new PayrailError('permission_denied', 'The provided key does not have permission to perform this request.');
    case HttpStatus.TOO_MANY_REQUESTS:
      return new PayrailError('rate_limited', 'Too many requests hit the API too quickly.');
    default:
      return undefined;
  }
}
