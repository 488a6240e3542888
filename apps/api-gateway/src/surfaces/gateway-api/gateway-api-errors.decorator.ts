import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorBodies } from '../../docs/api-error-bodies.decorator.js';
import { GatewayApiErrorResource, GatewayApiValidationErrorResource } from './gateway-api.resources.js';

/** What GatewayApiExceptionFilter answers on every route of the document's surface. */
export const ApiGatewayApiErrors = () =>
  applyDecorators(
    ApiErrorBodies(GatewayApiErrorResource, {
      400: 'A malformed request: a body that cannot be parsed, or a parameter with a NUL character, a lone surrogate or too deep a nesting.',
      401: 'No signature, or a wrong, stale or replayed one (`Invalid signature`).',
      403: 'The signing key may not do this.',
      404: '`Transaction not found`.',
      429: '`Too many requests`.',
    }),
    ApiResponse({ status: 422, description: '`Validation failed`, with the fields at fault.', type: GatewayApiValidationErrorResource }),
  );
