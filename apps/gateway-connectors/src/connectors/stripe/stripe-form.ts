/** A Stripe request parameter: nested objects and arrays take Stripe's bracket notation (`metadata[k]`, `expand[]`). */
export type StripeParam = string | number | boolean | undefined | readonly string[] | Readonly<Record<string, string | undefined>>;

/** `application/x-www-form-urlencoded`, as Stripe's API takes every POST body; undefined values are left out. */
export function formEncode(params: Readonly<Record<string, StripeParam>>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) form.append(`${name}[]`, item);
    } else if (typeof value === 'object') {
      for (const [key, nested] of Object.entries(value)) if (nested !== undefined) form.append(`${name}[${key}]`, nested);
    } else {
      form.append(name, String(value));
    }
  }
  return form.toString();
}
