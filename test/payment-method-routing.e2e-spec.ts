import Stripe from 'stripe';
import type { GatewayAccountResource } from '@payrail/contracts';
import { createMerchant, stripeClient, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

type ErrorBody = { error: { type: string; code: string; param?: string; message: string } };

/** The Stripe SDK has no gateway accounts: plain HTTP, form-encoded as Stripe's API takes it. */
async function post<T>(key: string, path: string, form: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function addGatewayAccount(key: string, form: Record<string, string>): Promise<GatewayAccountResource> {
  const { status, body } = await post<GatewayAccountResource>(key, '/v1/gateway_accounts', form);
  expect(status).toBe(200);
  return body;
}

/** Credentials of the right shape: creating an account checks them without calling the gateway. */
const razorpay = (mode: 'test' | 'live') => ({ gateway: 'razorpay', 'credentials[key_id]': `rzp_${mode}_Routing${mode}01`, 'credentials[key_secret]': 'routingCheckSecret01' });

async function refusal(work: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  return error as Stripe.errors.StripeError;
}

async function intentIds(stripe: Stripe): Promise<string[]> {
  return (await stripe.paymentIntents.list({ limit: 100 })).data.map((intent) => intent.id);
}

describe('an intent offers only payment method types and currencies the merchant can route', () => {
  let shop: MerchantCredentials;
  let stripe: Stripe;

  beforeAll(async () => {
    shop = await createMerchant('Routable Types Shop', { live: true });
    stripe = stripeClient(shop.secret_key);
  });

  it('refuses a type Payrail does not know, naming the parameter as it was sent', async () => {
    for (const type of ['bogus_type', 'Mpesa']) {
      // The SDK sends the newer name; a form sends the classic one.
      const error = await refusal(stripe.paymentIntents.create({ amount: 1500, currency: 'kes', allowed_payment_method_types: [type] }));
      expect(error).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'allowed_payment_method_types' });
      expect(error.message).toContain(`"${type}" is not a payment method type Payrail supports (supported: card, upi, mpesa, apple_pay, google_pay)`);
      const { status, body } = await post<ErrorBody>(shop.secret_key, '/v1/payment_intents', { amount: '1500', currency: 'kes', 'payment_method_types[]': type });
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method_types' });
    }
    expect(await intentIds(stripe)).toEqual([]);
  });

  it('refuses UPI while no account of the merchant takes it, names the type, and creates nothing', async () => {
    const { status, body } = await post<ErrorBody>(shop.secret_key, '/v1/payment_intents', { amount: '1500', currency: 'inr', 'payment_method_types[]': 'upi' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'payment_method_types' });
    expect(body.error.message).toContain('upi cannot be taken in INR');
    expect(await intentIds(stripe)).toEqual([]);
  });

  it('with a Razorpay account takes UPI in INR only, and never lets a card pay an intent restricted to UPI', async () => {
    await addGatewayAccount(shop.secret_key, razorpay('test'));
    const kes = await refusal(stripe.paymentIntents.create({ amount: 1500, currency: 'kes', allowed_payment_method_types: ['upi'] }));
    expect(kes).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'payment_method_types' });
    expect(kes.message).toContain('upi cannot be taken in KES');
    expect(await intentIds(stripe)).toEqual([]);

    const upiOnly = await stripe.paymentIntents.create({ amount: 1500, currency: 'inr', allowed_payment_method_types: ['upi'] });
    expect(upiOnly).toMatchObject({ status: 'requires_payment_method', currency: 'inr', payment_method_types: ['upi'] });
    const byCard = await refusal(stripe.paymentIntents.confirm(upiOnly.id, { payment_method: 'pm_card_visa' }));
    expect(byCard).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'payment_method' });
    expect(byCard.message).toContain('type card, which this PaymentIntent does not allow');
    const cardAtCreate = await refusal(
      stripe.paymentIntents.create({ amount: 1500, currency: 'inr', allowed_payment_method_types: ['upi'], payment_method: 'pm_card_visa', confirm: true }),
    );
    expect(cardAtCreate).toMatchObject({ statusCode: 400, param: 'payment_method' });
    expect(await stripe.paymentIntents.retrieve(upiOnly.id)).toMatchObject({ status: 'requires_payment_method', payment_method: null, latest_charge: null });
    expect(await intentIds(stripe)).toEqual([upiOnly.id]);
  });

  it('refuses a currency no live account can take, at create and at update, naming currency', async () => {
    const live = stripeClient(shop.live_secret_key!);
    const none = await refusal(live.paymentIntents.create({ amount: 4200, currency: 'usd' }));
    expect(none).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'currency' });
    expect(none.message).toContain('No gateway account of yours can take card payments in USD');
    expect(await intentIds(live)).toEqual([]);

    await addGatewayAccount(shop.live_secret_key!, razorpay('live'));
    const inr = await live.paymentIntents.create({ amount: 4200, currency: 'inr' });
    expect(inr).toMatchObject({ livemode: true, currency: 'inr', payment_method_types: ['card'] });
    const kes = await refusal(live.paymentIntents.update(inr.id, { currency: 'kes' }));
    expect(kes).toMatchObject({ statusCode: 400, code: 'parameter_invalid', param: 'currency' });
    expect(kes.message).toContain('card payments in KES');
    expect(await live.paymentIntents.retrieve(inr.id)).toMatchObject({ currency: 'inr' });
    expect(await live.paymentIntents.update(inr.id, { currency: 'usd' })).toMatchObject({ currency: 'usd' });
  });
});
