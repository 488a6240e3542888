import type { NextFunction, Request, Response } from 'express';
import { newId } from '@payrail/domain';
import { requestContext } from '@payrail/messaging';

export interface EdgeRequest extends Request {
  requestId: string;
  rawBody?: Buffer;
}

/** Every response carries a `Request-Id`, and the id follows the request into every service it reaches. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const edgeRequest = req as EdgeRequest;
  edgeRequest.requestId = newId('req');
  res.setHeader('Request-Id', edgeRequest.requestId);
  const idempotencyKey = req.header('Idempotency-Key') ?? undefined;
  requestContext.run({ requestId: edgeRequest.requestId, idempotencyKey }, () => next());
}
