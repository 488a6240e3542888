import { brandOf, looksLikeCardNumber, normalizeCardNumber, passesLuhn } from './card-number.js';

describe('card numbers', () => {
  it('checks the Luhn digit', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
  });

  it('recognises numbers, tokens are not numbers', () => {
    expect(looksLikeCardNumber('4242424242424242')).toBe(true);
    expect(looksLikeCardNumber('4242 4242-4242 4242')).toBe(true);
    expect(looksLikeCardNumber('pm_card_visa')).toBe(false);
    expect(looksLikeCardNumber('12345')).toBe(false);
    expect(normalizeCardNumber('4242 4242-4242 4242')).toBe('4242424242424242');
  });

  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3566002020360505', 'jcb'],
    ['9999999999999995', 'unknown'],
  ])('%s is %s', (pan, brand) => {
    expect(brandOf(pan)).toBe(brand);
  });
});
