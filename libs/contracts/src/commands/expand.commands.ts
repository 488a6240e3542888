/**
 * Stripe's `expand`: dotted paths of fields whose ids are replaced by the objects they name
 * (`customer`, `latest_charge.customer`; `data.customer` on a list).
 */
export interface ExpandParams {
  expand?: string[];
}

/** Retrieve one object by id, with optional expansions. */
export interface RetrieveParams extends ExpandParams {
  id: string;
}
