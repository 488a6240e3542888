import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const FORM = 'application/x-www-form-urlencoded';

/**
 * Stripe's naming, which SDK generators turn into method names: the verb and the path's words without
 * `/v1`, path parameters by name (`POST /v1/payment_intents/{id}/confirm` → `PostPaymentIntentsIdConfirm`).
 * Paths outside `/v1` keep every segment (`POST /api/v1/pay` → `PostApiV1Pay`).
 */
export function operationIdFor(method: HttpMethod, path: string): string {
  const segments = path.split('/').filter(Boolean);
  const words = (segments[0] === 'v1' ? segments.slice(1) : segments).flatMap((segment) => segment.replace(/[{}]/g, '').split(/[^A-Za-z0-9]+/));
  const pascal = words.filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1));
  return method[0].toUpperCase() + method.slice(1) + pascal.join('');
}

function isReference<T extends object>(value: T | ReferenceObject | undefined): value is ReferenceObject {
  return value !== undefined && '$ref' in value;
}

function isComposite(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): boolean {
  const resolved = resolve(document, schema);
  return resolved?.type === 'object' || resolved?.type === 'array' || resolved?.oneOf !== undefined || resolved?.anyOf !== undefined;
}

/** An array of scalars (`expand`) goes as the key repeated or bracketed (`expand[]=a`), which a form's default style describes; deepObject is for objects. */
function needsBrackets(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): boolean {
  const resolved = resolve(document, schema);
  if (resolved?.type === 'array') return isComposite(document, resolved.items);
  return isComposite(document, resolved);
}

function resolve(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined {
  if (!isReference(schema)) return schema;
  const target = document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
  return resolve(document, target);
}

/** Every DTO body is taken form-encoded (Stripe's SDKs) and as JSON; nested fields in brackets (`metadata[k]=v`). */
export function acceptFormBodies(document: OpenAPIObject, operation: OperationObject): void {
  const body = operation.requestBody;
  if (!body || isReference(body)) return;
  const json = body.content['application/json'];
  if (!json) return;
  const properties = resolve(document, json.schema)?.properties;
  // A body without declared fields is a gateway's event, read raw and only as JSON (callbacks.controller.ts).
  if (!properties) return;
  const encoding = Object.fromEntries(
    Object.entries(properties)
      .filter(([, property]) => needsBrackets(document, property))
      .map(([name]) => [name, { style: 'deepObject', explode: true }]),
  );
  body.content = { [FORM]: { schema: json.schema, ...(Object.keys(encoding).length > 0 ? { encoding } : {}) }, 'application/json': json };
}

/** Arrays and objects in a query string are bracketed, as Stripe sends them: `expand[]=customer`, `created[gt]=T`. */
export function bracketQueryParameters(document: OpenAPIObject, operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if (isReference(parameter) || parameter.in !== 'query') continue;
    if (needsBrackets(document, parameter.schema)) Object.assign(parameter, { style: 'deepObject', explode: true } satisfies Partial<ParameterObject>);
  }
}

/** Keys in a fixed order, so that the committed file changes only when the API does. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
