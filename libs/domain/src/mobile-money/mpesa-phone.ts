/**
 * A Kenyan mobile number as M-Pesa takes it: `254` then the 9-digit subscriber number, which starts with
 * 7 or 1 (Safaricom's ranges). Customers write it `07…`/`01…`, `+254…`, `254…`, with spaces or dashes.
 */
const NATIONAL = /^0([71]\d{8})$/;
const INTERNATIONAL = /^\+?254([71]\d{8})$/;

/** The number in `2547XXXXXXXX` / `2541XXXXXXXX` form, or null if it is not a Kenyan mobile number. */
export function normalizeMpesaPhone(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 20) return null;
  const compact = input.replace(/[\s-]/g, '');
  const subscriber = NATIONAL.exec(compact)?.[1] ?? INTERNATIONAL.exec(compact)?.[1];
  return subscriber ? `254${subscriber}` : null;
}

