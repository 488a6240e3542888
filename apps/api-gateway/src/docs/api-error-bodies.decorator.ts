import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';

/**
 * A product document's surface answers its errors in that document's own body, not Stripe's envelope: its
 * filter does, and so do the edge's refusals made before routing (http/refuse-before-routing.ts).
 */
export const ApiErrorBodies = (body: Type, statuses: Record<number, string>) =>
  applyDecorators(
    ApiExtraModels(body),
    ...Object.entries(statuses).map(([status, description]) => ApiResponse({ status: Number(status), description, type: body })),
  );
