import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_ENVELOPE } from './error-responses.js';

/**
 * A product document's surface answers its errors in that document's own body, not Stripe's envelope. A 400
 * may still come in the envelope: a body that cannot be parsed, or a parameter with a NUL character, is
 * refused by the edge's middleware before the surface's filter can word it.
 */
export const ApiErrorBodies = (body: Type, statuses: Record<number, string>) =>
  applyDecorators(
    ApiExtraModels(body),
    ...Object.entries(statuses).map(([status, description]) =>
      status === '400'
        ? ApiResponse({
            status: 400,
            description: `${description} An unparsable body or a NUL character in a parameter: Payrail's envelope.`,
            schema: { anyOf: [{ $ref: getSchemaPath(body) }, { $ref: `#/components/schemas/${ERROR_ENVELOPE}` }] },
          })
        : ApiResponse({ status: Number(status), description, type: body }),
    ),
  );
