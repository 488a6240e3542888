/** Card-number helpers for raw test numbers. Nothing here keeps, logs or returns a full number. */

/** Digits only, spaces and dashes allowed between groups, 12 to 19 digits. */
export function looksLikeCardNumber(value: string): boolean {
  return /^\d(?:[ -]?\d){11,18}$/.test(value);
}

export function normalizeCardNumber(value: string): string {
  return value.replace(/[ -]/g, '');
}

export function passesLuhn(pan: string): boolean {
  let sum = 0;
  for (let index = 0; index < pan.length; index++) {
    let digit = Number(pan[pan.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand a number's leading digits (its BIN range) belong to, as Stripe names it. */
export function brandOf(pan: string): string {
  if (/^4/.test(pan)) return 'visa';
  if (/^3[47]/.test(pan)) return 'amex';
  const firstTwo = Number(pan.slice(0, 2));
  const firstFour = Number(pan.slice(0, 4));
  if ((firstTwo >= 51 && firstTwo <= 55) || (firstFour >= 2221 && firstFour <= 2720)) return 'mastercard';
  if (/^(6011|65|64[4-9])/.test(pan)) return 'discover';
  if (/^35(2[89]|[3-8])/.test(pan)) return 'jcb';
  if (/^3(0[0-5]|[68])/.test(pan)) return 'diners';
  if (/^62/.test(pan)) return 'unionpay';
  return 'unknown';
}
