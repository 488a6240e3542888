import type { NextFunction, Request, Response } from 'express';
import { PayrailError } from '@payrail/errors';
import { refuseBeforeRouting } from './refuse-before-routing.js';

/** Body-parser failures happen before Nest routes the request: answer them in the body of the surface the request is for. */
export function bodyErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!error) return next();
  const status = (error as { status?: number }).status;
  const payrailError =
    status === 413
      ? new PayrailError('body_invalid', 'The request body is too large.')
      : new PayrailError('body_invalid', 'The request body could not be parsed. Send JSON or form-encoded parameters.');
  refuseBeforeRouting(req, res, payrailError);
}
