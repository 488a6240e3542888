import type { IParseOptions } from 'qs';

/**
 * How deep parameters may nest, as the number of parts in a parameter's name: `metadata[order]` has 2,
 * and so has `{"metadata": {"order": …}}` in JSON. Stripe's deepest parameters have 4 or 5; the bound
 * is there so that no walk over a request does more than a few steps per value.
 */
export const MAX_PARAMETER_DEPTH = 32;

/**
 * Stripe's form encoding, for bodies and query strings alike. qs keeps the brackets beyond its `depth`
 * as one literal key, one level deeper than allowed, where the parameter walk sees it and refuses it.
 */
export const FORM_PARSE_OPTIONS: IParseOptions = { depth: MAX_PARAMETER_DEPTH - 1, arrayLimit: 100, parameterLimit: 1000 };
