import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import qs from 'qs';
import { PayrailError, validationExceptionFactory } from '@payrail/errors';
import { ConfirmPaymentIntentDto } from './dto/confirm-payment-intent.dto.js';

const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: ConfirmPaymentIntentDto }) as Promise<ConfirmPaymentIntentDto>;
const signature = 'ab'.repeat(32);

describe('ConfirmPaymentIntentDto: Razorpay Checkout result', () => {
  it('takes razorpay_payment_id with razorpay_signature, from a form as Checkout posts them', async () => {
    expect(await validate(qs.parse(`razorpay_payment_id=pay_29QQoUBi66xm2f&razorpay_signature=${signature}`))).toMatchObject({
      razorpay_payment_id: 'pay_29QQoUBi66xm2f',
      razorpay_signature: signature,
    });
    expect(await validate({ payment_method: 'pm_card_visa' })).not.toHaveProperty('razorpay_signature');
  });

  it.each([
    [{ razorpay_payment_id: 'pay_29QQoUBi66xm2f' }, 'razorpay_signature'],
    [{ razorpay_signature: signature }, 'razorpay_payment_id'],
    [{ razorpay_payment_id: 'order_29QQoUBi66xm2f', razorpay_signature: signature }, 'razorpay_payment_id'],
    [{ razorpay_payment_id: 'pay_29QQoUBi66xm2f', razorpay_signature: 'not-hex' }, 'razorpay_signature'],
  ])('refuses %j with a 400 naming %s', async (body, param) => {
    const error = await validate(body).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayrailError);
    expect(error).toMatchObject({ status: 400, param });
  });
});
