import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import qs from 'qs';
import { PayrailError, validationExceptionFactory } from '@payrail/errors';
import { CreatePaymentIntentDto } from './dto/create-payment-intent.dto.js';
import { UpdatePaymentIntentDto } from './dto/update-payment-intent.dto.js';

const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });

function validate<T>(body: unknown, metatype: new () => T = CreatePaymentIntentDto as new () => T): Promise<T> {
  return pipe.transform(body, { type: 'body', metatype });
}

async function refusal(body: unknown, metatype?: new () => unknown): Promise<PayrailError> {
  const error = await validate(body, metatype).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('CreatePaymentIntentDto', () => {
  describe('amount', () => {
    it('takes digits from a form and integers from JSON', async () => {
      expect(await validate(qs.parse('amount=2000&currency=usd'))).toMatchObject({ amount: 2000 });
      expect(await validate({ amount: 99_999_999, currency: 'usd' })).toMatchObject({ amount: 99_999_999 });
    });

    it.each([['1e3'], [' 100'], ['0x10'], ['12.5']])('calls the form value %p not an integer, not "less than 1"', async (amount) => {
      const error = await refusal(qs.parse(`amount=${encodeURIComponent(amount)}&currency=usd`));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'amount', message: expect.stringContaining(`Invalid integer: ${JSON.stringify(amount)}`) });
    });

    it('calls 2^53 and 1e20 too large, with the maximum in the currency sent', async () => {
      for (const amount of [2 ** 53, 1e20]) {
        expect(await refusal({ amount, currency: 'usd' })).toMatchObject({ code: 'amount_too_large', param: 'amount', message: 'Amount must be no more than USD 999,999.99.' });
      }
      expect(await refusal(qs.parse('amount=100000000000000000000&currency=jpy'))).toMatchObject({ code: 'amount_too_large', message: 'Amount must be no more than JPY 99,999,999.' });
    });

    it('calls zero too small, and a missing amount missing', async () => {
      expect(await refusal({ amount: 0, currency: 'usd' })).toMatchObject({ code: 'amount_too_small', message: 'This value must be greater than or equal to 1.' });
      expect(await refusal({ currency: 'usd' })).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    });

    it('holds an update without a currency to the ceiling of all currencies', async () => {
      expect(await refusal({ amount: 1e20 }, UpdatePaymentIntentDto)).toMatchObject({ code: 'amount_too_large', param: 'amount' });
      expect(await refusal({ amount: '1e3' }, UpdatePaymentIntentDto)).toMatchObject({ code: 'parameter_invalid', message: expect.stringContaining('Invalid integer') });
    });
  });

  describe('payment_method_types', () => {
    it('keeps each known type once, from a form or JSON, under either name', async () => {
      expect(await validate(qs.parse('amount=100&currency=usd&payment_method_types[]=card&payment_method_types[]=card'))).toMatchObject({ payment_method_types: ['card'] });
      expect(await validate({ amount: 100, currency: 'usd', allowed_payment_method_types: Array.from({ length: 500 }, () => 'card') })).toMatchObject({
        allowed_payment_method_types: ['card'],
      });
    });

    it('refuses a type Payrail does not support, naming it and the supported ones', async () => {
      const error = await refusal({ amount: 100, currency: 'usd', payment_method_types: ['card', 'bitcoin'] });
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method_types' });
      expect(error.message).toBe('Invalid payment_method_types: "bitcoin" is not a payment method type Payrail supports (supported: card, upi, mpesa, apple_pay, google_pay).');
    });

    it('takes upi, which Razorpay routes, and mpesa, which the M-Pesa connector routes', async () => {
      expect(await validate({ amount: 100, currency: 'inr', payment_method_types: ['upi', 'card'] })).toMatchObject({ payment_method_types: ['upi', 'card'] });
      expect(await validate({ amount: 100, currency: 'kes', payment_method_types: ['mpesa'] })).toMatchObject({ payment_method_types: ['mpesa'] });
    });

    it('refuses 60,000 made-up types at the first one, with a short message', async () => {
      const error = await refusal({ amount: 100, currency: 'usd', payment_method_types: Array.from({ length: 60_000 }, (_, index) => `t${index}`) });
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method_types' });
      expect(error.message).toContain('"t0" is not a payment method type');
      expect(error.message.length).toBeLessThan(200);
    });

    it('refuses something that is not a list of strings', async () => {
      expect(await refusal({ amount: 100, currency: 'usd', payment_method_types: [{ type: 'card' }] })).toMatchObject({ code: 'parameter_invalid', param: 'payment_method_types' });
    });
  });
});
