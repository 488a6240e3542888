import { currencyExponent, isKnownCurrency, normalizeCurrency } from './currencies.js';

/** An amount in a currency's minor unit. Arithmetic is on bigint, so it never rounds. */
export class Money {
  private constructor(
    readonly minor: bigint,
    readonly currency: string,
  ) {}

  static of(minor: bigint | number, currency: string): Money {
    if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new RangeError(`Money needs an integer minor amount, got ${minor}`);
    if (!isKnownCurrency(currency)) throw new RangeError(`Unknown currency: ${currency}`);
    return new Money(BigInt(minor), normalizeCurrency(currency));
  }

  static zero(currency: string): Money {
    return Money.of(0n, currency);
  }

  /** "KES 1,000.00", "JPY 500", "KWD 1.500", "-USD 0.05": for receipts and human-facing messages. */
  static format(minor: bigint | number, currency: string): string {
    return Money.of(minor, currency).format();
  }

  /** Parses a decimal string in major units ("10.5" USD → 1050); refuses more precision than the currency has. */
  static parseMajor(text: string, currency: string): Money {
    const exponent = currencyExponent(currency);
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!match) throw new RangeError(`Not a decimal amount: ${text}`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > exponent) throw new RangeError(`${currency.toUpperCase()} has ${exponent} decimal places, got ${text}`);
    const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
    return Money.of(sign ? -minor : minor, currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor + other.minor, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor - other.minor, this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.minor < other.minor ? -1 : this.minor > other.minor ? 1 : 0;
  }

  isNegative(): boolean {
    return this.minor < 0n;
  }

  format(): string {
    const exponent = currencyExponent(this.currency);
    const digits = (this.minor < 0n ? -this.minor : this.minor).toString().padStart(exponent + 1, '0');
    const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
    return `${this.minor < 0n ? '-' : ''}${this.currency.toUpperCase()} ${whole}${fraction}`;
  }

  /** Minor units as a JSON number, as the API shows amounts. Safe: API amounts are bounded far below 2^53. */
  toNumber(): number {
    const value = Number(this.minor);
    if (!Number.isSafeInteger(value)) throw new RangeError(`Amount ${this.minor} is beyond a safe integer`);
    return value;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) throw new RangeError(`Currency mismatch: ${this.currency} and ${other.currency}`);
  }
}
