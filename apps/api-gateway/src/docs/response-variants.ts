import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { EXPANDABLE_FIELDS, type ExpandableType } from '@payrail/contracts';

/** The schema each expandable object type is documented by (its class in libs/contracts/src/resources). */
const SCHEMA_OF: Record<ExpandableType, string> = {
  payment_intent: 'PaymentIntentResource',
  charge: 'ChargeResource',
  customer: 'CustomerResource',
  payment_method: 'PaymentMethodResource',
  balance_transaction: 'BalanceTransactionResource',
};

/** What a publishable key sees of a PaymentIntent (client-side-view.ts). */
export const CLIENT_SIDE_PAYMENT_INTENT = 'ClientSidePaymentIntent';
const HIDDEN_FROM_PUBLISHABLE_KEYS = ['customer', 'metadata', 'reconciliation'];

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const isSchema = (value: SchemaObject | ReferenceObject | undefined): value is SchemaObject => value !== undefined && !('$ref' in value);

/**
 * Fields that are an id, or with `expand[]` the object it names (EXPANDABLE_FIELDS, which payments expands by):
 * both shapes, so that an expanded answer matches its schema too.
 */
export function documentExpandableFields(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const [type, fields] of Object.entries(EXPANDABLE_FIELDS) as [ExpandableType, Record<string, ExpandableType | null>][]) {
    for (const [path, target] of Object.entries(fields)) {
      if (target === null) continue;
      const segments = path.split('.');
      const field = segments.pop() as string;
      let holder: SchemaObject | ReferenceObject | undefined = schemas[SCHEMA_OF[type]];
      for (const segment of segments) holder = isSchema(holder) ? holder.properties?.[segment] : undefined;
      const current = isSchema(holder) ? holder.properties?.[field] : undefined;
      if (!isSchema(holder) || !holder.properties || !isSchema(current)) throw new Error(`${SCHEMA_OF[type]} has no ${path} to document as expandable`);
      // `nullable` beside the anyOf, not in a branch: generators read it on the property only.
      holder.properties[field] = {
        description: `The id, or with \`expand[]=${path}\` the ${target} itself.`,
        ...(current.nullable ? { nullable: true } : {}),
        anyOf: [{ type: 'string' }, ref(SCHEMA_OF[target])],
      };
    }
  }
}

/** The PaymentIntent as a publishable key sees it: without the customer, metadata and reconciliation. */
export function documentClientSideView(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const full = schemas[SCHEMA_OF.payment_intent];
  if (!isSchema(full)) throw new Error('PaymentIntentResource is not in the document');
  const properties = Object.fromEntries(Object.entries(full.properties ?? {}).filter(([name]) => !HIDDEN_FROM_PUBLISHABLE_KEYS.includes(name)));
  schemas[CLIENT_SIDE_PAYMENT_INTENT] = {
    ...full,
    description: 'A PaymentIntent as a publishable key (client-side code) sees it. An expanded payment method keeps the card\'s brand, last4, expiry, funding, country and checks only.',
    properties: { ...properties, payment_method: { nullable: true, anyOf: [{ type: 'string' }, { type: 'object' }] } },
    required: (full.required ?? []).filter((name) => !HIDDEN_FROM_PUBLISHABLE_KEYS.includes(name)),
  };
}
