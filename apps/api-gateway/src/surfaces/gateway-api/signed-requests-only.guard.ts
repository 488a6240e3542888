import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';
import type { Request } from 'express';
import { isSignedRequest } from '../../request-signing/signed-request-headers.js';

/** Checked before the body is validated: an unsigned request is a 401 whatever it carries. */
export class SignedRequestsOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isSignedRequest((name) => req.header(name))) {
      throw new PayrailError('authentication_required', 'Sign the request: X-API-KEY, X-API-TIMESTAMP, X-API-NONCE and X-API-SIGNATURE are required.');
    }
    return true;
  }
}
