import type { CreateCheckoutSessionParams } from '@payrail/contracts';
import { refusal } from '@payrail/testing';
import { checkSessionParams } from './checkout-session-params.js';

const now = new Date('2026-01-01T00:00:00Z');
const nowS = now.getTime() / 1000;
const params = (extra: Partial<CreateCheckoutSessionParams> = {}): CreateCheckoutSessionParams => ({
  mode: 'payment',
  line_items: [
    { price_data: { currency: 'USD', unit_amount: 2500, product_data: { name: 'Mouse' } }, quantity: 1 },
    { price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Pad', description: 'Blue' } }, quantity: 2 },
  ],
  success_url: 'https://shop.example/success?id={CHECKOUT_SESSION_ID}',
  ...extra,
});

describe('checkSessionParams', () => {
  it('totals the line items in one currency and expires in 24 hours by default', () => {
    const checked = checkSessionParams(params(), now);
    expect(checked).toMatchObject({ currency: 'usd', amountTotal: 5500, paymentMethodTypes: ['card'] });
    expect(checked.lineItems.map((item) => [item.name, item.quantity, item.amountTotal])).toEqual([['Mouse', 1, 2500], ['Pad', 2, 3000]]);
    expect(checked.lineItems[0].id).toMatch(/^li_/);
    expect(checked.expiresAt.getTime()).toBe(now.getTime() + 24 * 3600 * 1000);
  });

  it('takes expires_at from 30 minutes to 24 hours ahead, and nothing outside', () => {
    expect(checkSessionParams(params({ expires_at: nowS + 1800 }), now).expiresAt.getTime() / 1000).toBe(nowS + 1800);
    expect(checkSessionParams(params({ expires_at: nowS + 86400 }), now).expiresAt.getTime() / 1000).toBe(nowS + 86400);
    expect(refusal(() => checkSessionParams(params({ expires_at: nowS + 1000 }), now))).toMatchObject({ code: 'parameter_invalid', param: 'expires_at' });
    expect(refusal(() => checkSessionParams(params({ expires_at: nowS + 86401 }), now))).toMatchObject({ code: 'parameter_invalid', param: 'expires_at' });
  });

  it('names the offending parameter', () => {
    const mixed = params();
    mixed.line_items[1].price_data.currency = 'eur';
    expect(refusal(() => checkSessionParams(mixed, now))).toMatchObject({ param: 'line_items[1][price_data][currency]' });
    expect(refusal(() => checkSessionParams(params({ line_items: [] }), now))).toMatchObject({ code: 'parameter_missing', param: 'line_items' });
    expect(refusal(() => checkSessionParams(params({ success_url: 'javascript:alert(1)' }), now))).toMatchObject({ param: 'success_url' });
    expect(refusal(() => checkSessionParams(params({ customer: 'cus_1', customer_email: 'a@b.co' }), now))).toMatchObject({ param: 'customer_email' });
    expect(refusal(() => checkSessionParams(params({ metadata: { ['k'.repeat(41)]: 'v' } }), now))).toMatchObject({ param: `metadata[${'k'.repeat(41)}]` });
    expect(refusal(() => checkSessionParams(params({ payment_method_types: ['card', 'apple_pay'] }), now))).toMatchObject({ param: 'payment_method_types[1]' });
    expect(refusal(() => checkSessionParams(params({ locale: 'xx-not' }), now))).toMatchObject({ param: 'locale' });
  });

  it('refuses a total below the minimum charge or above the currency maximum', () => {
    const free = params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 0, product_data: { name: 'Gift' } }, quantity: 1 }] });
    expect(refusal(() => checkSessionParams(free, now))).toMatchObject({ code: 'amount_too_small', param: 'line_items' });
    const huge = params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 99_999_999, product_data: { name: 'Car' } }, quantity: 999 }] });
    expect(refusal(() => checkSessionParams(huge, now))).toMatchObject({ code: 'amount_too_large', param: 'line_items' });
  });
});
