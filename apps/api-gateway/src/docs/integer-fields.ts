import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import * as contracts from '@payrail/contracts';

/**
 * TypeScript has one `number`, so the plugin documents every one as `number`. In the Stripe-shaped resources of
 * libs/contracts, money is in minor units and times in unix seconds: these fields are integers by construction.
 * Rates, uptimes and latencies are left `number`; the product documents' surfaces (decimal amounts) are not touched.
 */
const INTEGER_FIELD =
  /^(amount|amount_[a-z]+|unit_amount|fee|fees|net|balance|available|pending|available_balance|pending_balance|count|quantity|priority|page|limit|total|attempt|attempts|attempt_count|submission_count|pending_webhooks|next_invoice_sequence|response_status_code|exp_month|exp_year|created|updated|gte|lt|available_on|expires_at|revoked_at|canceled_at|completed_at|settles_at|next_attempt_at|next_retry|previous_secret_expires|fixed_amount|percent_bps|version|effective_from)$/;

const CONTRACT_CLASSES = new Set(
  Object.entries(contracts)
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name),
);

const isSchema = (value: SchemaObject | ReferenceObject | undefined): value is SchemaObject => value !== undefined && !('$ref' in value);

export function documentIntegerFields(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (CONTRACT_CLASSES.has(name) && isSchema(schema)) integerFieldsOf(schema);
  }
}

function integerFieldsOf(schema: SchemaObject): void {
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (!isSchema(property)) continue;
    if (property.type === 'number' && INTEGER_FIELD.test(field)) property.type = 'integer';
    integerFieldsOf(property);
    if (property.type === 'array' && isSchema(property.items)) integerFieldsOf(property.items);
    for (const branch of [...(property.anyOf ?? []), ...(property.oneOf ?? []), ...(property.allOf ?? [])]) if (isSchema(branch)) integerFieldsOf(branch);
  }
}
