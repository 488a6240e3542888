import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Stripe's list object (`ListResource<T>` in libs/contracts) of `model`: generics are beyond the CLI plugin. */
export const ApiListResponse = (model: Type) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: 'A page of the list, newest first; `has_more` when another page follows (ask with `starting_after`).',
      schema: {
        type: 'object',
        required: ['object', 'data', 'has_more', 'url'],
        properties: {
          object: { type: 'string', enum: ['list'] },
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          has_more: { type: 'boolean' },
          url: { type: 'string', description: 'The list\'s path, e.g. `/v1/payment_intents`.' },
        },
      },
    }),
  );
