import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';
import type { Response } from 'express';
import { catchError, mergeMap, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../authentication/current-caller.decorator.js';
import type { EdgeRequest } from '../http/request-id.middleware.js';
import { canonicalRequestHash } from './canonical-request-hash.js';
import { IdempotencyService } from './idempotency.service.js';
import { replayableFailure } from './stored-answers.js';

const MAX_KEY_LENGTH = 255;

/**
 * Stripe's `Idempotency-Key` on POST requests: the first answer is stored for the merchant and mode and
 * replayed, with `Idempotent-Replayed: true`, to a retry with the same key and parameters. Runs after
 * the API key guard, which tells whose key it is. GET and DELETE are idempotent already: the header is
 * ignored there, as Stripe does.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<EdgeRequest & Partial<AuthenticatedRequest>>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    // Public routes have no merchant to scope a key by; gateways' callbacks carry their own dedup.
    if (req.method !== 'POST' || key === undefined || !req.caller) return next.handle();
    assertValidKey(key);

    const scope = { merchantId: req.caller.merchantId, livemode: req.caller.livemode, key };
    const requestHash = canonicalRequestHash(this.idempotency.requestHashKey, { method: req.method, path: req.path, query: req.query, body: req.body });
    const admission = await this.idempotency.admit(scope, requestHash, req.requestId);
    res.setHeader('Idempotency-Key', key);
    switch (admission.kind) {
      case 'mismatch':
        throw new PayrailError(
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      case 'in_use':
        throw new PayrailError(
          'idempotency_key_in_use',
          'There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
        );
      case 'replay':
        res.setHeader('Original-Request', admission.originalRequestId);
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(admission.answer.status);
        return of(admission.answer.body);
      case 'claimed': {
        const { claim } = admission;
        res.setHeader('Original-Request', req.requestId);
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.idempotency.settle(claim, { status: res.statusCode, body });
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.idempotency.settle(claim, replayableFailure(error, req.requestId));
            throw error;
          }),
        );
      }
    }
  }
}

function assertValidKey(key: string): void {
  if (key.length === 0) throw new PayrailError('idempotency_error', 'The Idempotency-Key header is empty: send a unique key, such as a V4 UUID.');
  if (key.length > MAX_KEY_LENGTH) {
    throw new PayrailError('idempotency_error', `Keys for idempotent requests can be no longer than ${MAX_KEY_LENGTH} characters.`);
  }
}
