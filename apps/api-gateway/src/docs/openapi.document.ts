/** The API reference, served at /openapi.json and rendered at /docs. Kept beside the routes it describes. */
const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
  { name: 'starting_after', in: 'query', schema: { type: 'string' } },
  { name: 'ending_before', in: 'query', schema: { type: 'string' } },
];
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const formAndJson = (schema: object) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema }, 'application/json': { schema } },
});
const object = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const errors = {
  400: object('Invalid request: `{error:{type,code,message,param,request_id}}`'),
  401: object('Missing or invalid API key'),
  402: object('Card declined (`type: card_error`, with `decline_code`)'),
  404: object('`resource_missing`: no such object for this merchant and mode'),
};
const metadata = { type: 'object', additionalProperties: { type: 'string', maxLength: 500 }, maxProperties: 50 };

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
  info: {
    title: 'Payrail API',
    version: '1.0.0',
    description:
      'Stripe-shaped payments API. Amounts are integers in the currency\'s minor unit. Authenticate with `Authorization: Bearer sk_test_…` (or HTTP Basic with the key as username, or `X-API-Key`). Every response carries a `Request-Id` header. Webhooks are signed with `Payments-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, verifiable with `stripe.webhooks.constructEvent`.',
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } } },
  security: [{ bearer: [] }, { basic: [] }],
  paths: {
    '/health': { get: { summary: 'Readiness of every service', security: [], responses: { 200: object('All services up'), 503: object('Some service down') } } },
    '/v1/payment_intents': {
      post: {
        summary: 'Create a PaymentIntent',
        requestBody: formAndJson({
          type: 'object',
          required: ['amount', 'currency'],
          properties: {
            amount: { type: 'integer', minimum: 1 }, currency: { type: 'string', example: 'usd' },
            payment_method_types: { type: 'array', items: { type: 'string' } }, capture_method: { enum: ['automatic', 'manual'] },
            confirmation_method: { enum: ['automatic', 'manual'] }, description: { type: 'string' }, metadata,
            receipt_email: { type: 'string' }, statement_descriptor: { type: 'string', maxLength: 22 },
            payment_method: { type: 'string' }, confirm: { type: 'boolean' },
          },
        }),
        responses: { 200: object('PaymentIntent'), ...errors },
      },
      get: { summary: 'List PaymentIntents, newest first', parameters: [...listParams, { name: 'customer', in: 'query', schema: { type: 'string' } }], responses: { 200: object('List') } },
    },
    '/v1/payment_intents/{id}': { get: { summary: 'Retrieve a PaymentIntent', parameters: idParam, responses: { 200: object('PaymentIntent'), 404: errors[404] } } },
    '/v1/payment_intents/{id}/confirm': {
      post: {
        summary: 'Confirm a PaymentIntent: authorises through the routed gateway connector',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { payment_method: { type: 'string', example: 'pm_card_visa' }, return_url: { type: 'string' } } }),
        responses: { 200: object('PaymentIntent (succeeded, or requires_capture for manual capture)'), ...errors },
      },
    },
    '/v1/refunds': {
      post: {
        summary: 'Refund a charge, fully or in part (several partial refunds allowed)',
        requestBody: formAndJson({ type: 'object', properties: { payment_intent: { type: 'string' }, charge: { type: 'string' }, amount: { type: 'integer', minimum: 1 }, reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] }, metadata } }),
        responses: { 200: object('Refund'), ...errors },
      },
      get: { summary: 'List refunds', parameters: [...listParams, { name: 'payment_intent', in: 'query', schema: { type: 'string' } }], responses: { 200: object('List') } },
    },
    '/v1/refunds/{id}': { get: { summary: 'Retrieve a refund', parameters: idParam, responses: { 200: object('Refund'), 404: errors[404] } } },
    '/v1/webhook_endpoints': {
      post: {
        summary: 'Create a webhook endpoint; the response alone carries its `whsec_` signing secret',
        requestBody: formAndJson({ type: 'object', required: ['url', 'enabled_events'], properties: { url: { type: 'string' }, enabled_events: { type: 'array', items: { type: 'string' } }, description: { type: 'string' }, metadata } }),
        responses: { 200: object('WebhookEndpoint'), ...errors },
      },
      get: { summary: 'List webhook endpoints', parameters: listParams, responses: { 200: object('List') } },
    },
    '/v1/webhook_endpoints/{id}': {
      get: { summary: 'Retrieve a webhook endpoint', parameters: idParam, responses: { 200: object('WebhookEndpoint'), 404: errors[404] } },
      delete: { summary: 'Delete a webhook endpoint', parameters: idParam, responses: { 200: object('Deleted'), 404: errors[404] } },
    },
    '/v1/events': { get: { summary: 'List events', parameters: [...listParams, { name: 'type', in: 'query', schema: { type: 'string' } }], responses: { 200: object('List') } } },
    '/v1/events/{id}': { get: { summary: 'Retrieve an event', parameters: idParam, responses: { 200: object('Event'), 404: errors[404] } } },
  },
} as const;
