import type { OpenAPIObject, OperationObject, RequestBodyObject, SchemaObject } from '@nestjs/swagger';
import { readFile } from 'node:fs/promises';
import { buildOpenApiDocument } from './openapi-builder.js';

const COMMITTED = new URL('../../../../openapi.json', import.meta.url);

describe('the API reference', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await buildOpenApiDocument();
  });
  const operation = (method: 'get' | 'post' | 'delete', path: string): OperationObject => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    return found;
  };

  it('is committed as openapi.json exactly as the code generates it (`npm run openapi` rewrites it)', async () => {
    expect(JSON.parse(await readFile(COMMITTED, 'utf8'))).toEqual(document);
  });

  it('names every operation once, after its verb and path as Stripe\'s reference does', () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op: OperationObject) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation('post', '/v1/payment_intents').operationId).toBe('PostPaymentIntents');
    expect(operation('get', '/v1/payment_intents/{id}').operationId).toBe('GetPaymentIntentsId');
    expect(operation('post', '/v1/payment_intents/{id}/confirm').operationId).toBe('PostPaymentIntentsIdConfirm');
    expect(operation('post', '/api/v1/pay').operationId).toBe('PostApiV1Pay');
  });

  it('derives who may call each operation from the route\'s decorators and guards', () => {
    expect(operation('get', '/health').security).toEqual([]);
    expect(operation('post', '/v1/payment_intents').security).toEqual([{ SecretKey: [] }, { SecretKeyBasic: [] }, { SignedRequest: [] }, { OAuth2: ['payments:write'] }]);
    expect(operation('post', '/v1/payment_methods').security).toContainEqual({ PublishableKey: [] });
    expect(operation('get', '/v1/payment_intents/{id}').security).toContainEqual({ PublishableKey: [] });
    expect(operation('get', '/v1/payment_intents').security).not.toContainEqual({ PublishableKey: [] });
    expect(operation('post', '/v1/users').security).toContainEqual({ OAuth2: ['users:manage'] });
    expect(operation('post', '/api/v1/pay').security).toEqual([{ SignedRequest: [] }]);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['OAuth2', 'PublishableKey', 'SecretKey', 'SecretKeyBasic', 'SignedRequest']);
  });

  it('takes every body form-encoded and as JSON, with bracketed nested fields', () => {
    const body = operation('post', '/v1/payment_intents').requestBody as RequestBodyObject;
    expect(Object.keys(body.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(body.content['application/x-www-form-urlencoded'].encoding?.metadata).toEqual({ style: 'deepObject', explode: true });
    const gatewayEvent = operation('post', '/v1/callbacks/stripe/{gateway_account_id}').requestBody as RequestBodyObject;
    expect(Object.keys(gatewayEvent.content)).toEqual(['application/json']);
  });

  it('documents Stripe\'s query parameters: expand[], created[gt] and the list cursors', () => {
    const names = (operation('get', '/v1/payment_intents').parameters ?? []).map((p) => ('name' in p ? p.name : p.$ref));
    expect(names).toEqual(expect.arrayContaining(['expand', 'created', 'limit', 'starting_after', 'ending_before', 'customer']));
    const created = (operation('get', '/v1/charges').parameters ?? []).find((p) => 'name' in p && p.name === 'created');
    expect(created).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
    // An array of strings is the key repeated (`expand=a&expand=b`) or bracketed: a form's default, not deepObject.
    const expand = (operation('get', '/v1/payment_intents').parameters ?? []).find((p) => 'name' in p && p.name === 'expand');
    expect(expand).not.toHaveProperty('style');
  });

  it('answers errors in the envelope on authenticated routes, and not on surfaces with bodies of their own', () => {
    expect(operation('post', '/v1/payment_intents').responses).toMatchObject({
      '400': { $ref: '#/components/responses/Error400' },
      '402': { $ref: '#/components/responses/Error402' },
      '429': { $ref: '#/components/responses/Error429' },
    });
    expect(document.components?.schemas?.ErrorEnvelope).toMatchObject({ required: ['error'] });
    expect(operation('get', '/health').responses['401']).toBeUndefined();
  });

  const bodyOf = (method: 'get' | 'post' | 'delete', path: string, status: string) => {
    const response = operation(method, path).responses[status];
    return response && 'content' in response ? response.content?.['application/json']?.schema : undefined;
  };

  it('answers each product document\'s errors in that document\'s own body', () => {
    expect(bodyOf('post', '/api/v1/pay', '401')).toEqual({ $ref: '#/components/schemas/GatewayApiErrorResource' });
    expect(bodyOf('post', '/api/v1/pay', '422')).toEqual({ $ref: '#/components/schemas/GatewayApiValidationErrorResource' });
    expect(bodyOf('post', '/api/v1/transactions', '422')).toEqual({ $ref: '#/components/schemas/EngineErrorResource' });
    expect(bodyOf('post', '/api/payment/mpesa', '401')).toEqual({ $ref: '#/components/schemas/MpesaErrorResource' });
    // Including the edge's refusals of an unparsable body or a NUL character, made before the surface's filter.
    expect(bodyOf('post', '/api/payment/mpesa', '400')).toEqual({ $ref: '#/components/schemas/MpesaErrorResource' });
    expect(bodyOf('post', '/api/v1/pay', '400')).toEqual({ $ref: '#/components/schemas/GatewayApiErrorResource' });
    expect(bodyOf('get', '/api/v1/accounts', '400')).toEqual({ $ref: '#/components/schemas/EngineErrorResource' });
    expect(bodyOf('post', '/oauth/token', '401')).toEqual({ $ref: '#/components/schemas/OAuthErrorResource' });
  });

  it('describes the answer of every JSON operation, and declares the pages HTML', () => {
    const withoutBody: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item) as [string, OperationObject][]) {
        const described = Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .some(([, response]) => response !== undefined && 'content' in response && Object.values(response.content ?? {}).some((media) => media.schema !== undefined));
        if (!described) withoutBody.push(`${method.toUpperCase()} ${path}`);
      }
    }
    // Both answer with no body at all: a 204, and RFC 7009's empty 200.
    expect(withoutBody.sort()).toEqual(['POST /api/v1/auth/logout', 'POST /oauth/revoke']);
    expect(Object.keys(operation('get', '/checkout/{id}').responses['200'] as object)).toContain('content');
    expect((operation('get', '/receipts/{id}').responses['200'] as { content: object }).content).toEqual({ 'text/html': { schema: { type: 'string' } } });
    expect(Object.keys(operation('post', '/v1/3ds/{id}').responses).sort()).toEqual(['200', '303', '404']);
  });

  it('documents the token endpoint\'s form body for each grant', () => {
    const body = operation('post', '/oauth/token').requestBody as RequestBodyObject;
    expect(Object.keys(body.content)).toEqual(['application/x-www-form-urlencoded']);
    const grants = (body.content['application/x-www-form-urlencoded'].schema as SchemaObject).oneOf as SchemaObject[];
    expect(grants.map((grant) => (grant.properties?.grant_type as SchemaObject).enum)).toEqual([['client_credentials'], ['refresh_token']]);
    expect(grants[1].required).toContain('refresh_token');
  });

  const okSchema = (method: 'get' | 'post' | 'delete', path: string) => {
    const ok = operation(method, path).responses['200'];
    return ok && 'content' in ok ? ok.content?.['application/json']?.schema : undefined;
  };
  const schema = (name: string) => document.components?.schemas?.[name] as SchemaObject;

  it('answers each resource in its class from libs/contracts, and lists in Stripe\'s list object', () => {
    expect(okSchema('post', '/v1/payment_intents')).toEqual({ $ref: '#/components/schemas/PaymentIntentResource' });
    expect(okSchema('get', '/v1/refunds/{id}')).toEqual({ $ref: '#/components/schemas/RefundResource' });
    expect(okSchema('get', '/v1/charges')).toMatchObject({
      required: ['object', 'data', 'has_more', 'url'],
      properties: { object: { enum: ['list'] }, data: { type: 'array', items: { $ref: '#/components/schemas/ChargeResource' } } },
    });
    expect(schema('PaymentIntentResource')).toMatchObject({
      properties: { status: { enum: expect.arrayContaining(['requires_payment_method', 'succeeded']) }, description: { type: 'string', nullable: true } },
      required: expect.arrayContaining(['id', 'amount', 'currency', 'status', 'client_secret']),
    });
    // Minor units and unix seconds are integers; a rate is not, nor a surface's decimal amount.
    expect(schema('PaymentIntentResource').properties).toMatchObject({ amount: { type: 'integer' }, created: { type: 'integer' } });
    expect(schema('GatewayWindowHealth').properties?.success_rate).toMatchObject({ type: 'number' });
    expect(schema('EngineTransactionResource').properties?.amount).toMatchObject({ type: 'number' });
    // The edge's own resources too: statuses, whole milliseconds, seconds, counts; an array of seconds item by item.
    expect(schema('RequestLogResource').properties).toMatchObject({ status: { type: 'integer' }, latency_ms: { type: 'integer' }, created: { type: 'integer' } });
    expect(schema('OAuthTokenResource').properties?.expires_in).toMatchObject({ type: 'integer' });
    expect(schema('OAuthIntrospectionResource').properties).toMatchObject({ exp: { type: 'integer' }, iat: { type: 'integer' } });
    expect(schema('WebhookEndpointResource').properties?.retry_schedule).toMatchObject({ type: 'array', items: { type: 'integer' } });
    expect(schema('GatewayApiDashboard').properties).toMatchObject({ total_transactions: { type: 'integer' }, total_amount: { type: 'number' } });
    // Money and times in 64 bits (a balance passes 2^31 cents at 21.4 million dollars; unix seconds in 2038); a count, a status not.
    expect(schema('LedgerAccountResource').properties).toMatchObject({ available_balance: { format: 'int64' }, created: { format: 'int64' } });
    expect(schema('RequestLogResource').properties?.status).not.toHaveProperty('format');
    // Stripe's fields Payrail keeps empty (typed null) are what they can be: null.
    expect(schema('CustomerResource').properties?.shipping).toEqual({ type: 'object', nullable: true });
  });

  it('documents an expandable field as the id or the object it names', () => {
    // Nullable on the property, not inside a branch, where generators do not read it.
    expect(schema('PaymentIntentResource').properties?.customer).toMatchObject({
      nullable: true,
      anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/CustomerResource' }],
    });
    const invoiceSettings = schema('CustomerResource').properties?.invoice_settings as SchemaObject;
    expect(invoiceSettings.properties?.default_payment_method).toMatchObject({ nullable: true, anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/PaymentMethodResource' }] });
  });

  it('answers what a publishable key sees where one is allowed, and a deleted customer where one can be retrieved', () => {
    expect(okSchema('get', '/v1/payment_intents/{id}')).toEqual({
      anyOf: [{ $ref: '#/components/schemas/PaymentIntentResource' }, { $ref: '#/components/schemas/ClientSidePaymentIntent' }],
    });
    expect(schema('ClientSidePaymentIntent').required).not.toContain('customer');
    expect(Object.keys(schema('ClientSidePaymentIntent').properties ?? {})).not.toEqual(expect.arrayContaining(['metadata']));
    expect(okSchema('get', '/v1/customers/{id}')).toEqual({
      anyOf: [{ $ref: '#/components/schemas/CustomerResource' }, { $ref: '#/components/schemas/DeletedCustomerResource' }],
    });
  });

  it('types what the validators hold to integers as integers, amounts as int64, and leaves the documents\' decimal amounts numbers', () => {
    const property = (name: string, field: string) => schema(name).properties?.[field];
    expect(property('CreatePaymentIntentDto', 'amount')).toMatchObject({ type: 'integer', format: 'int64' });
    expect(property('CapturePaymentIntentDto', 'amount_to_capture')).toMatchObject({ type: 'integer', format: 'int64' });
    expect(property('CardDto', 'exp_month')).toMatchObject({ type: 'integer' });
    expect(property('CreatePaymentDto', 'amount')).toMatchObject({ type: 'number' });
    expect(property('EngineTransactionDto', 'amount')).toMatchObject({ type: 'number' });
    const query = (path: string, name: string) => operation('get', path).parameters?.find((parameter) => 'name' in parameter && parameter.name === name);
    expect(query('/v1/payment_intents', 'limit')).toMatchObject({ schema: { type: 'integer', minimum: 1, maximum: 100 } });
    expect(query('/v1/request_logs', 'status')).toMatchObject({ schema: { type: 'integer' } });
    expect(query('/v1/payment_intents', 'created')).toMatchObject({ schema: { oneOf: [{ type: 'integer', format: 'int64' }, { properties: { gte: { format: 'int64' } } }] } });
  });
});
