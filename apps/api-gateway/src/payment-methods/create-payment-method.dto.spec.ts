import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import fc from 'fast-check';
import qs from 'qs';
import { PayrailError, serializeError, validationExceptionFactory } from '@payrail/errors';
import { CreatePaymentMethodDto } from './dto/create-payment-method.dto.js';

const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });

function validate(body: unknown): Promise<CreatePaymentMethodDto> {
  return pipe.transform(body, { type: 'body', metatype: CreatePaymentMethodDto });
}

async function refusal(body: unknown): Promise<PayrailError> {
  const error = await validate(body).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('CreatePaymentMethodDto', () => {
  it('takes Stripe\'s form encoding, as the SDK sends it', async () => {
    const body = qs.parse('type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123&billing_details[address][postal_code]=94107&metadata[a]=b');
    const dto = await validate(body);
    expect(dto).toMatchObject({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' }, metadata: { a: 'b' } });
    expect(dto.billing_details?.address?.postal_code).toBe('94107');
  });

  it('names the missing or unknown card parameter in bracket notation', async () => {
    expect(await refusal({ type: 'card', card: { exp_month: 1, exp_year: 2040 } })).toMatchObject({ code: 'parameter_missing', param: 'card[number]' });
    expect(await refusal({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040, token: 'x' } })).toMatchObject({
      code: 'parameter_unknown',
      param: 'card[token]',
    });
    expect(await refusal({ type: 'sepa_debit', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040 } })).toMatchObject({ param: 'type' });
  });

  it('never echoes a card number in a validation error, wherever it was sent and whatever else is wrong', async () => {
    const pan = fc.stringMatching(/^[0-9]{13,19}$/);
    const card = fc.record(
      {
        number: fc.oneof(pan, pan.map(Number), pan.map((digits) => `${digits}${'9'.repeat(60)}`), pan.map((digits) => [digits])),
        exp_month: fc.oneof(fc.integer(), pan, fc.constant('soon')),
        exp_year: fc.oneof(fc.integer(), pan, fc.constant({ year: 1 })),
        cvc: fc.oneof(pan, fc.stringMatching(/^[0-9]{3,4}$/), fc.integer()),
        extra: pan,
      },
      { requiredKeys: ['number'] },
    );
    const body = fc.record(
      { type: fc.oneof(fc.constant('card'), pan), card: fc.oneof(card, pan), billing_details: fc.oneof(fc.record({ email: pan }), pan), metadata: fc.oneof(pan, fc.dictionary(pan, pan)) },
      { requiredKeys: ['card'] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const error = await validate(structuredClone(input)).then(() => undefined, (caught: unknown) => caught);
        if (error === undefined) return;
        const shown = JSON.stringify(serializeError(error));
        for (const secret of collectDigits(input)) expect(shown).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every run of 12 or more digits anywhere in the values sent, except in parameter names (which the caller chose to send as names). */
function collectDigits(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') return String(value).match(/\d{12,}/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(collectDigits);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(collectDigits);
  return [];
}
