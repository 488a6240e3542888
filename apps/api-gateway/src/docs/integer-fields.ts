import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import * as contracts from '@payrail/contracts';

/**
 * TypeScript has one `number`, so the plugin documents every one as `number`. In the Stripe-shaped resources of
 * libs/contracts, money is in minor units and times in unix seconds: these fields are integers by construction
 * (an array of them too: `retry_schedule`, seconds). Rates, uptimes and latencies are left `number`; the product
 * documents' surfaces (decimal amounts) are not touched.
 */
const INTEGER_FIELD =
  /^(amount|amount_[a-z]+|unit_amount|fee|fees|net|margin|balance|available|pending|available_balance|pending_balance|card|count|quantity|priority|page|limit|total|attempt|attempts|attempt_count|submission_count|pending_webhooks|next_invoice_sequence|response_status_code|exp_month|exp_year|created|updated|gte|lt|available_on|expires_at|revoked_at|canceled_at|completed_at|settles_at|opened_at|next_attempt_at|next_retry|previous_secret_expires|fixed_amount|percent_bps|version|effective_from|retry_schedule)$/;

/**
 * Money and times need 64 bits: a balance, a net or a sum of charges passes 2^31 minor units at 21,474,836.47
 * dollars, and unix seconds pass 2^31 in 2038. Generators type a bare `integer` as a 32-bit int (Java's
 * `Integer`, whose parsing then throws), so these fields say `int64`. Counts, statuses, bounded settings stay
 * plain.
 */
const INT64_FIELD =
  /^(amount|amount_[a-z]+|unit_amount|fee|fees|net|margin|balance|available|pending|available_balance|pending_balance|card|fixed_amount|created|updated|gte|lt|available_on|expires_at|revoked_at|canceled_at|completed_at|settles_at|opened_at|next_attempt_at|next_retry|previous_secret_expires|effective_from|iat|exp|from|to)$/;

/**
 * The edge's own resources, named field by field (their names mean different things on different surfaces):
 * counts, HTTP statuses, unix seconds, whole milliseconds and minor units. The documents' decimal amounts
 * (`total_amount`, `commission_amount`) stay `number`.
 */
const EDGE_INTEGER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  RequestLogResource: ['created', 'status', 'latency_ms'],
  OAuthTokenResource: ['expires_in'],
  OAuthIntrospectionResource: ['iat', 'exp'],
  LedgerAccountBalanceResource: ['available_balance', 'pending_balance'],
  GatewayApiCurrencyTotals: ['total_transactions', 'total_success', 'total_failed'],
  GatewayApiDashboard: ['total_transactions', 'total_success', 'total_failed', 'from', 'to'],
  GatewayApiErrorResource: ['code'],
  GatewayApiValidationErrorResource: ['code'],
  MpesaHistoryResource: ['total', 'page'],
};

const CONTRACT_CLASSES = new Set(
  Object.entries(contracts)
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name),
);

const isSchema = (value: SchemaObject | ReferenceObject | undefined): value is SchemaObject => value !== undefined && !('$ref' in value);

export function documentIntegerFields(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!isSchema(schema)) continue;
    if (CONTRACT_CLASSES.has(name)) integerFieldsOf(schema);
    for (const field of EDGE_INTEGER_FIELDS[name] ?? []) {
      const property = schema.properties?.[field];
      if (!isSchema(property) || property.type !== 'number') throw new Error(`${name}.${field} is listed as an integer field, but the schema has no number there`);
      makeInteger(field, property);
    }
  }
}

function makeInteger(field: string, property: SchemaObject): void {
  property.type = 'integer';
  if (INT64_FIELD.test(field)) property.format = 'int64';
}

function integerFieldsOf(schema: SchemaObject): void {
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (!isSchema(property)) continue;
    if (property.type === 'number' && INTEGER_FIELD.test(field)) makeInteger(field, property);
    if (property.type === 'array' && isSchema(property.items) && property.items.type === 'number' && INTEGER_FIELD.test(field)) property.items.type = 'integer';
    integerFieldsOf(property);
    if (property.type === 'array' && isSchema(property.items)) integerFieldsOf(property.items);
    for (const branch of [...(property.anyOf ?? []), ...(property.oneOf ?? []), ...(property.allOf ?? [])]) if (isSchema(branch)) integerFieldsOf(branch);
  }
}
