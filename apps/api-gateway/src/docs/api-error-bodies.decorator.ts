import { applyDecorators, type Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A product document's surface answers its errors in that document's own body, not Stripe's envelope. */
export const ApiErrorBodies = (body: Type, statuses: Record<number, string>) =>
  applyDecorators(...Object.entries(statuses).map(([status, description]) => ApiResponse({ status: Number(status), description, type: body })));
