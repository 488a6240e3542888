import fc from 'fast-check';
import { PayrailError, serializeError } from '@payrail/errors';
import { cardDigits, detectBrand, MAX_YEARS_AHEAD, passesLuhn, validateCard } from './card-validation.js';

const NOW = new Date('2026-05-15T12:00:00Z');

function refusal(card: unknown, now = NOW): PayrailError {
  try {
    validateCard(card, now);
  } catch (error) {
    expect(error).toBeInstanceOf(PayrailError);
    return error as PayrailError;
  }
  throw new Error('validateCard accepted the card');
}

/** Appends the Luhn check digit to a partial number. */
function withCheckDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit++) if (passesLuhn(`${partial}${digit}`)) return `${partial}${digit}`;
  throw new Error('unreachable');
}

const valid = { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' };

describe('passesLuhn', () => {
  it.each(['4242424242424242', '5555555555554444', '378282246310005', '6011111111111117', '3056930009020004', '3566002020360505', '6200000000000005'])(
    'accepts the test number %s',
    (number) => expect(passesLuhn(number)).toBe(true),
  );

  it('refuses any single mistyped digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (position, shift) => {
        const digits = [...'4242424242424242'];
        digits[position] = String((Number(digits[position]) + shift) % 10);
        expect(passesLuhn(digits.join(''))).toBe(false);
      }),
    );
  });

  it('accepts every number completed with its check digit', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{11,18}$/), (partial) => expect(passesLuhn(withCheckDigit(partial))).toBe(true)));
  });
});

describe('detectBrand', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['4000056655665556', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['371449635398431', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['3056930009020004', 'diners'],
    ['36227206271667', 'diners'],
    ['3566002020360505', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['9999999999999995', 'unknown'],
  ])('%s is %s', (number, brand) => expect(detectBrand(number)).toBe(brand));
});

describe('cardDigits', () => {
  it('drops spaces and dashes between digit groups', () => {
    expect(cardDigits('4242 4242 4242 4242')).toBe('4242424242424242');
    expect(cardDigits('4242-4242-4242-4242')).toBe('4242424242424242');
  });

  it.each([undefined, 4242424242424242, '4242x4242', ' 4242424242424242', '4242  4242', ''])('refuses %p as invalid_number', (number) => {
    expect(refusal({ ...valid, number })).toMatchObject({ code: 'invalid_number', param: 'number', status: 402 });
  });
});

describe('validateCard', () => {
  it('returns the digits, brand and expiry of a valid card', () => {
    expect(validateCard(valid, NOW)).toEqual({ number: '4242424242424242', brand: 'visa', expMonth: 12, expYear: 2030, cvcProvided: true });
    expect(validateCard({ number: '378282246310005', exp_month: '5', exp_year: '26', cvc: '1234' }, NOW)).toEqual({
      number: '378282246310005',
      brand: 'amex',
      expMonth: 5,
      expYear: 2026,
      cvcProvided: true,
    });
  });

  it('refuses a number that fails Luhn with incorrect_number (402 card_error)', () => {
    expect(refusal({ ...valid, number: '4242424242424241' })).toMatchObject({ code: 'incorrect_number', param: 'number', status: 402 });
  });

  it('refuses a number of the wrong length for its brand', () => {
    expect(refusal({ ...valid, number: withCheckDigit('37828224631000') + '0' })).toMatchObject({ code: 'invalid_number' });
    expect(refusal({ ...valid, number: withCheckDigit('42424242424') })).toMatchObject({ code: 'invalid_number' });
  });

  it.each([0, 13, -1, 1.5, 'x', undefined])('refuses exp_month %p with invalid_expiry_month', (exp_month) => {
    expect(refusal({ ...valid, exp_month })).toMatchObject({ code: 'invalid_expiry_month', param: 'exp_month', status: 402 });
  });

  it('takes a card as valid until the end of its expiry month, in UTC', () => {
    expect(validateCard({ ...valid, exp_month: 5, exp_year: 2026 }, NOW).expMonth).toBe(5);
    expect(refusal({ ...valid, exp_month: 4, exp_year: 2026 })).toMatchObject({ code: 'invalid_expiry_month' });
    expect(refusal({ ...valid, exp_month: 5, exp_year: 2026 }, new Date('2026-06-01T00:00:00Z'))).toMatchObject({ code: 'invalid_expiry_month' });
  });

  it.each([2025, 25, 2026 + MAX_YEARS_AHEAD + 1, 'soon', undefined])('refuses exp_year %p with invalid_expiry_year', (exp_year) => {
    expect(refusal({ ...valid, exp_year })).toMatchObject({ code: 'invalid_expiry_year', param: 'exp_year', status: 402 });
  });

  it('wants a 3-digit CVC, or 4 digits for American Express', () => {
    for (const cvc of ['12', '1234', 'abc', 123]) expect(refusal({ ...valid, cvc })).toMatchObject({ code: 'invalid_cvc', param: 'cvc', status: 402 });
    expect(refusal({ ...valid, number: '378282246310005', cvc: '123' })).toMatchObject({ code: 'invalid_cvc' });
    expect(validateCard({ ...valid, cvc: undefined }, NOW).cvcProvided).toBe(false);
  });

  it('checks the number first, then the expiry month, year and CVC', () => {
    expect(refusal({ number: '4242424242424241', exp_month: 13, exp_year: 1999, cvc: 'x' }).code).toBe('incorrect_number');
    expect(refusal({ ...valid, exp_month: 13, exp_year: 1999, cvc: 'x' }).code).toBe('invalid_expiry_month');
    expect(refusal({ ...valid, exp_year: 1999, cvc: 'x' }).code).toBe('invalid_expiry_year');
  });

  it('never puts the number or the CVC in an error, whatever the card', () => {
    const number = fc.oneof(
      fc.stringMatching(/^[0-9]{12,19}$/),
      fc.stringMatching(/^[0-9]{4}( [0-9]{4}){3}$/),
      fc.stringMatching(/^[0-9 -]{12,24}$/),
      fc.string({ minLength: 12, maxLength: 30 }),
    );
    const card = fc.record({
      number,
      exp_month: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string()),
      exp_year: fc.oneof(fc.integer({ min: 0, max: 2200 }), fc.string()),
      cvc: fc.oneof(fc.stringMatching(/^[0-9]{2,5}$/), fc.string(), fc.constant(undefined)),
    });
    fc.assert(
      fc.property(card, (input) => {
        let caught: unknown;
        try {
          validateCard(input, NOW);
        } catch (error) {
          caught = error;
        }
        if (caught === undefined) return;
        expect(caught).toBeInstanceOf(PayrailError);
        const shown = JSON.stringify(serializeError(caught));
        const digits = input.number.replace(/\D/g, '');
        if (digits.length >= 6) {
          expect(shown).not.toContain(input.number);
          expect(shown).not.toContain(digits);
        }
        if (typeof input.cvc === 'string' && /^\d{3,4}$/.test(input.cvc)) expect(shown).not.toContain(input.cvc);
      }),
      { numRuns: 2000 },
    );
  });
});
