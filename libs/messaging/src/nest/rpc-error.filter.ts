import { Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { PayrailError, serializeError } from '@payrail/errors';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every unknown error into "Internal server error" and loses its code;
 * this one hands the serialized domain error to the transport instead, and logs what is not a domain error.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown): Observable<never> {
    const serialized = serializeError(exception);
    if (!(exception instanceof PayrailError)) {
      this.logger.error(`Unhandled ${describe(exception)} (error id ${serialized.details?.['error_id'] ?? 'n/a'})`, (exception as Error)?.stack);
    }
    return throwError(() => serialized);
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : typeof exception;
}
