import { PayrailError } from '@payrail/errors';

/**
 * Checks a raw card as Stripe does when a PaymentMethod is created, with Stripe's card_error codes.
 * Error messages are fixed strings: nothing the caller sent (least of all the number) is echoed back.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

export interface ValidCard {
  /** Digits only. Hand it to the connector and drop it: never store, log or return it. */
  number: string;
  brand: CardBrand;
  expMonth: number;
  expYear: number;
  cvcProvided: boolean;
}

/** How far ahead an expiry year may be, as card networks issue cards. */
export const MAX_YEARS_AHEAD = 50;

const SEPARATED_DIGITS = /^\d(?:[ -]?\d)*$/;

export function validateCard(card: unknown, now: Date = new Date()): ValidCard {
  if (typeof card !== 'object' || card === null) throw new PayrailError('parameter_missing', 'Missing required param: card.', { param: 'card' });
  const { number, exp_month: expMonthInput, exp_year: expYearInput, cvc } = card as Record<string, unknown>;
  const digits = cardDigits(number);
  const brand = detectBrand(digits);
  if (!hasValidLength(digits, brand)) throw invalidNumber();
  if (!passesLuhn(digits)) throw new PayrailError('incorrect_number', 'Your card number is incorrect.', { param: 'number' });

  const expMonth = toInteger(expMonthInput);
  if (expMonth === undefined || expMonth < 1 || expMonth > 12) throw invalidExpiryMonth();
  const expYear = fullYear(toInteger(expYearInput));
  const thisYear = now.getUTCFullYear();
  if (expYear === undefined || expYear < thisYear || expYear > thisYear + MAX_YEARS_AHEAD) throw invalidExpiryYear();
  // A card is good until the end of its expiry month.
  if (expYear === thisYear && expMonth < now.getUTCMonth() + 1) throw invalidExpiryMonth();

  if (cvc !== undefined && cvc !== '' && !isValidCvc(cvc, brand)) {
    throw new PayrailError('invalid_cvc', "Your card's security code is invalid.", { param: 'cvc' });
  }
  return { number: digits, brand, expMonth, expYear, cvcProvided: typeof cvc === 'string' && cvc !== '' };
}

/** Spaces or dashes between digit groups are accepted and dropped; anything else makes the number invalid. */
export function cardDigits(value: unknown): string {
  if (typeof value !== 'string' || !SEPARATED_DIGITS.test(value)) throw invalidNumber();
  return value.replace(/[ -]/g, '');
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand of a number's issuer range (its BIN), as Stripe names brands. */
export function detectBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^3[47]/.test(digits)) return 'amex';
  const firstFour = Number(digits.slice(0, 4));
  if (/^5[1-5]/.test(digits) || (firstFour >= 2221 && firstFour <= 2720)) return 'mastercard';
  if (/^(6011|64[4-9]|65)/.test(digits)) return 'discover';
  if (firstFour >= 3528 && firstFour <= 3589) return 'jcb';
  if (/^(30[0-5]|309|36|3[89])/.test(digits)) return 'diners';
  if (/^(62|81)/.test(digits)) return 'unionpay';
  return 'unknown';
}

const LENGTHS: Record<CardBrand, readonly number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 17, 18, 19],
  diners: [14, 15, 16, 17, 18, 19],
  jcb: [16, 17, 18, 19],
  unionpay: [16, 17, 18, 19],
  unknown: [12, 13, 14, 15, 16, 17, 18, 19],
};

function hasValidLength(digits: string, brand: CardBrand): boolean {
  return LENGTHS[brand].includes(digits.length);
}

function isValidCvc(cvc: unknown, brand: CardBrand): boolean {
  if (typeof cvc !== 'string') return false;
  return brand === 'amex' ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
}

/** Integers, or their decimal strings as form encoding sends them. */
function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{1,4}$/.test(value)) return Number(value);
  return undefined;
}

/** Stripe takes two-digit years as this century's. */
function fullYear(year: number | undefined): number | undefined {
  if (year === undefined) return undefined;
  return year < 100 ? 2000 + year : year;
}

function invalidNumber(): PayrailError {
  return new PayrailError('invalid_number', 'Your card number is not a valid credit card number.', { param: 'number' });
}

function invalidExpiryMonth(): PayrailError {
  return new PayrailError('invalid_expiry_month', "Your card's expiration month is invalid.", { param: 'exp_month' });
}

function invalidExpiryYear(): PayrailError {
  return new PayrailError('invalid_expiry_year', "Your card's expiration year is invalid.", { param: 'exp_year' });
}
