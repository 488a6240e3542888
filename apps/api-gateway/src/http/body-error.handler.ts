import type { NextFunction, Request, Response } from 'express';
import { PayrailError, toErrorEnvelope } from '@payrail/errors';
import type { EdgeRequest } from './request-id.middleware.js';

/** Body-parser failures happen before Nest routes the request: answer them in the same envelope. */
export function bodyErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!error) return next();
  const status = (error as { status?: number }).status;
  const payrailError =
    status === 413
      ? new PayrailError('body_invalid', 'The request body is too large.')
      : new PayrailError('body_invalid', 'The request body could not be parsed. Send JSON or form-encoded parameters.');
  const envelope = toErrorEnvelope(payrailError, (req as EdgeRequest).requestId);
  res.status(envelope.status).json(envelope.body);
}
