import fc from 'fast-check';
import { currencyExponent, isKnownCurrency, knownCurrencies, maxAmountMinor, normalizeCurrency } from './currencies.js';
import { Money } from './money.js';

describe('currencies', () => {
  it.each([
    ['usd', 2], ['EUR', 2], ['kes', 2], ['jpy', 0], ['krw', 0], ['clp', 0], ['kwd', 3], ['bhd', 3], ['tnd', 3],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('knows ISO codes in any case and refuses others', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('xyz')).toBe(false);
    expect(isKnownCurrency('constructor')).toBe(false);
    expect(normalizeCurrency(' KES ')).toBe('kes');
    expect(() => currencyExponent('abc')).toThrow(RangeError);
  });

  it('caps amounts at eight digits of two-decimal precision', () => {
    expect(maxAmountMinor('usd')).toBe(99_999_999n);
    expect(maxAmountMinor('jpy')).toBe(99_999_999n);
    expect(maxAmountMinor('kwd')).toBe(999_999_990n);
  });
});

describe('Money', () => {
  it.each([
    [100000, 'kes', 'KES 1,000.00'],
    [5, 'usd', 'USD 0.05'],
    [-5, 'usd', '-USD 0.05'],
    [1500, 'jpy', 'JPY 1,500'],
    [1500, 'kwd', 'KWD 1.500'],
    [123456789, 'eur', 'EUR 1,234,567.89'],
    [0, 'gbp', 'GBP 0.00'],
  ])('formats %i %s as %s', (minor, currency, text) => {
    expect(Money.format(minor, currency)).toBe(text);
  });

  it('refuses fractional minor amounts and unknown currencies', () => {
    expect(() => Money.of(10.5, 'usd')).toThrow(RangeError);
    expect(() => Money.of(10, 'zzz')).toThrow(RangeError);
  });

  it('refuses arithmetic across currencies', () => {
    expect(() => Money.of(1, 'usd').plus(Money.of(1, 'eur'))).toThrow(/mismatch/);
  });

  it('parses major units without floating point', () => {
    expect(Money.parseMajor('0.1', 'usd').minor + Money.parseMajor('0.2', 'usd').minor).toBe(30n);
    expect(Money.parseMajor('1000', 'jpy').minor).toBe(1000n);
    expect(() => Money.parseMajor('1.234', 'usd')).toThrow(/2 decimal places/);
  });

  const currency = fc.constantFrom(...knownCurrencies());
  const minor = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

  it('adds and subtracts exactly (property)', () => {
    fc.assert(
      fc.property(currency, minor, minor, (code, a, b) => {
        const sum = Money.of(a, code).plus(Money.of(b, code));
        expect(sum.minus(Money.of(b, code)).minor).toBe(a);
        expect(sum.compare(Money.of(a, code))).toBe(b > 0n ? 1 : b < 0n ? -1 : 0);
      }),
    );
  });

  it('formats so that parsing the text gives the amount back (property)', () => {
    fc.assert(
      fc.property(currency, minor, (code, amount) => {
        const text = Money.of(amount, code).format();
        const [signedCode, digits] = text.split(' ');
        const negative = signedCode.startsWith('-');
        expect(Money.parseMajor(`${negative ? '-' : ''}${digits.replaceAll(',', '')}`, code).minor).toBe(amount);
      }),
    );
  });
});
