import type { Request, Response } from 'express';
import { PayrailError, toErrorEnvelope } from '@payrail/errors';
import { gatewayApiErrorResponse } from '../surfaces/gateway-api/gateway-api.filter.js';
import { mpesaApiErrorResponse } from '../surfaces/mpesa-api/mpesa-api-error.filter.js';
import { paymentEngineErrorResponse } from '../surfaces/payment-engine/payment-engine-error.filter.js';
import { surfaceOf, type RequestSurface } from '../surfaces/request-surface.js';
import type { EdgeRequest } from './request-id.middleware.js';

export interface RefusalResponse {
  status: number;
  body: object;
  headers?: Record<string, string>;
}

/**
 * A malformed request (a body that cannot be parsed, a parameter no service could take) in the error body of
 * `surface`, as its exception filter would word it had the request reached its controller, with Payrail's status.
 */
export function malformedRequestResponse(surface: RequestSurface, error: PayrailError, requestId: string | null | undefined): RefusalResponse {
  switch (surface) {
    case 'gateway-api':
      return gatewayApiErrorResponse(error, { malformed: true });
    case 'payment-engine':
      return paymentEngineErrorResponse(error, requestId);
    case 'mpesa-api':
      return mpesaApiErrorResponse(error);
    case 'oauth':
      return { status: 400, body: { error: 'invalid_request', error_description: error.message }, headers: { 'Cache-Control': 'no-store' } };
    case 'payrail':
      return toErrorEnvelope(error, requestId);
  }
}

/**
 * Refuses a request in middleware, before Nest routes it and so before any controller's filter could:
 * answers in the body of the surface the request is for.
 */
export function refuseBeforeRouting(req: Request, res: Response, error: PayrailError): void {
  const { status, body, headers } = malformedRequestResponse(surfaceOf(req), error, (req as EdgeRequest).requestId);
  if (headers) res.set(headers);
  res.status(status).json(body);
}
