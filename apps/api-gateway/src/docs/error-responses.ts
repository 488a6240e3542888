import type { ResponseObject, ResponsesObject, SchemaObject } from '@nestjs/swagger';

export const ERROR_ENVELOPE = 'ErrorEnvelope';

/** libs/errors' envelope (error-envelope.ts): unset `param` and `decline_code` are omitted; some codes add details. */
export const ERROR_ENVELOPE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['type', 'code', 'message', 'request_id'],
      properties: {
        type: { type: 'string', enum: ['invalid_request_error', 'authentication_error', 'card_error', 'idempotency_error', 'rate_limit_error', 'api_error'] },
        code: { type: 'string', description: 'From the error-code catalogue, e.g. `parameter_invalid`, `resource_missing`, `card_declined`.' },
        message: { type: 'string' },
        param: { type: 'string', description: 'The parameter at fault, as sent (`metadata[key]`, `line_items[0][quantity]`).' },
        decline_code: { type: 'string', description: 'Why the issuer declined, on `card_error`s.' },
        request_id: { type: 'string', nullable: true },
      },
      additionalProperties: true,
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: a parameter missing, unknown or invalid (`param` names it), or an idempotency key reused with other parameters.',
  401: 'No credential, or one that is unknown, expired, revoked or wrongly signed.',
  402: 'The payment was declined (`type: card_error`, with `decline_code`).',
  403: 'The credential may not do this: a publishable key, a missing OAuth scope, or a suspended account.',
  404: '`resource_missing`: no such object for this merchant and mode.',
  409: '`idempotency_key_in_use`: a request with this `Idempotency-Key` is still running.',
  422: 'The request is valid but the object\'s state refuses it (`insufficient_funds`, `account_status_invalid`).',
  429: '`rate_limited`: too many requests; retry after `Retry-After` seconds.',
};

/** `components.responses`: one per status, named `Error<status>`, each the envelope. */
export const ERROR_RESPONSES: Record<string, ResponseObject> = Object.fromEntries(
  Object.entries(DESCRIPTIONS).map(([status, description]) => [
    `Error${status}`,
    { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_ENVELOPE}` } } } },
  ]),
);

/** The statuses a route answers in the envelope: every authenticated route, and what a body can add. */
export function errorResponses(method: string): ResponsesObject {
  const statuses = method === 'post' ? [400, 401, 402, 403, 404, 409, 422, 429] : [400, 401, 403, 404, 429];
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]));
}
