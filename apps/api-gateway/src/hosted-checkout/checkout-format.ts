import { currencyExponent } from '@payrail/domain';

/** The page's language: the session's locale, or with `auto` (or none) the browser's first, else English. */
export function pageLocale(sessionLocale: string | null, acceptLanguage: string | undefined): string {
  const candidates = sessionLocale && sessionLocale !== 'auto' ? [sessionLocale] : (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0].trim());
  for (const candidate of candidates) {
    try {
      if (candidate && Intl.NumberFormat.supportedLocalesOf([candidate]).length === 1) return candidate;
    } catch {
      // Not a language tag: try the next.
    }
  }
  return 'en';
}

/**
 * An amount in minor units as the customer's locale writes it ("$25.00", "25,00 €", "¥500"). The
 * major amount is handed to Intl as an exact decimal string, so no binary rounding can creep in.
 */
export function formatAmount(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  return format.format(`${minor < 0 ? '-' : ''}${major}` as unknown as number);
}
