import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import Stripe from 'stripe';
import { createMerchant, LOG_DIR, stripeClient } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const VISA = '4242424242424242';
const DECLINED = '4000000000000002';
const MASTERCARD = '5555555555554444';
const AMEX = '378282246310005';
const DISCOVER = '6011111111111117';
const DINERS = '3056930009020004';
const JCB = '3566002020360505';
const UNIONPAY = '6200000000000005';
const NOT_A_TEST_CARD = '4111111111111111';
/** Sent raw by this spec only: nothing anywhere may contain them. The others are checked in this spec's own rows. */
const ONLY_HERE = [DISCOVER, DINERS, JCB, UNIONPAY, NOT_A_TEST_CARD];
const SENT = [VISA, DECLINED, MASTERCARD, AMEX, ...ONLY_HERE, '4242424242424241'];

const nextYear = new Date().getUTCFullYear() + 1;
const card = (number: string, overrides: { exp_month?: number; exp_year?: number; cvc?: string } = {}) => ({
  type: 'card' as const,
  card: { number, exp_month: 12, exp_year: nextYear, cvc: number.startsWith('37') ? '1234' : '123', ...overrides },
});

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

describe('payment methods through the edge, driven by the official Stripe SDK', () => {
  let stripe: Stripe;
  let other: Stripe;
  let secretKey: string;
  const merchantIds: string[] = [];
  const created: string[] = [];

  beforeAll(async () => {
    const [mine, theirs] = await Promise.all([createMerchant('Payment methods spec'), createMerchant('Payment methods spec (other)')]);
    merchantIds.push(mine.merchant_id, theirs.merchant_id);
    secretKey = mine.secret_key;
    stripe = stripeClient(mine.secret_key);
    other = stripeClient(theirs.secret_key);
  });

  it('creates a card PaymentMethod from a raw test number, keeping only what may be shown', async () => {
    const paymentMethod = await stripe.paymentMethods.create({
      ...card(VISA),
      billing_details: { name: 'Jenny Rosen', address: { postal_code: '94107', country: 'US' } },
      metadata: { order: '42' },
    });
    created.push(paymentMethod.id);
    expect(paymentMethod.id).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect(paymentMethod).toMatchObject({
      object: 'payment_method',
      type: 'card',
      livemode: false,
      customer: null,
      metadata: { order: '42' },
      billing_details: { name: 'Jenny Rosen', email: null, phone: null, address: { postal_code: '94107', country: 'US', line1: null, city: null } },
      card: {
        brand: 'visa',
        last4: '4242',
        exp_month: 12,
        exp_year: nextYear,
        funding: 'credit',
        country: 'US',
        checks: { cvc_check: 'unchecked', address_postal_code_check: 'unchecked', address_line1_check: null },
      },
    });
    expect(paymentMethod.card!.fingerprint).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(Math.abs(paymentMethod.created - Date.now() / 1000)).toBeLessThan(120);
    expect(JSON.stringify(paymentMethod)).not.toContain(VISA);
    expect(JSON.stringify(paymentMethod)).not.toContain('"123"');

    const again = await stripe.paymentMethods.create(card('4242 4242 4242 4242'));
    created.push(again.id);
    expect(again.card!.fingerprint).toBe(paymentMethod.card!.fingerprint);
    expect(await stripe.paymentMethods.retrieve(paymentMethod.id)).toEqual(expect.objectContaining({ id: paymentMethod.id, card: paymentMethod.card }));
  });

  it.each([
    [MASTERCARD, 'mastercard', '4444'],
    [AMEX, 'amex', '0005'],
    [DISCOVER, 'discover', '1117'],
    [DINERS, 'diners', '0004'],
    [JCB, 'jcb', '0505'],
    [UNIONPAY, 'unionpay', '0005'],
  ])('detects the brand of %s as %s', async (number, brand, last4) => {
    const paymentMethod = await stripe.paymentMethods.create(card(number));
    created.push(paymentMethod.id);
    expect(paymentMethod.card).toMatchObject({ brand, last4 });
  });

  it.each([
    ['a number failing Luhn', card('4242424242424241'), 'incorrect_number', 'number'],
    ['a number of the wrong length', card('42424242424'), 'invalid_number', 'number'],
    ['a month that does not exist', card(VISA, { exp_month: 13 }), 'invalid_expiry_month', 'exp_month'],
    ['an expiry in the past', card(VISA, { exp_year: nextYear - 2 }), 'invalid_expiry_year', 'exp_year'],
    ['a 2-digit CVC', card(VISA, { cvc: '12' }), 'invalid_cvc', 'cvc'],
    ['a 3-digit CVC on American Express', card(AMEX, { cvc: '123' }), 'invalid_cvc', 'cvc'],
    ['a number that is not a test card', card(NOT_A_TEST_CARD), 'card_declined', 'number'],
  ])('refuses %s with a 402 card_error that does not echo the number', async (_case, params, code, param) => {
    const error = await failure(stripe.paymentMethods.create(params));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, type: 'StripeCardError', code, param });
    expect(JSON.stringify(error.raw)).not.toContain(params.card.number);
    if (code === 'card_declined') expect(error.decline_code).toBe('test_mode_live_card');
  });

  it('never echoes the number when the request itself is malformed', async () => {
    const attempts: Array<[string, string]> = [
      ['application/json', JSON.stringify({ type: 'card', card: { number: Number(VISA), exp_month: 12, exp_year: nextYear } })],
      ['application/json', JSON.stringify({ type: 'card', card: { number: VISA, exp_month: 'twelve', exp_year: nextYear } })],
      ['application/json', JSON.stringify({ type: 'card', card: { number: VISA, exp_month: 12, exp_year: nextYear, colour: VISA } })],
      ['application/json', JSON.stringify({ type: 'card', card: VISA })],
      ['application/json', `{"type":"card","card":{"number":"${VISA}"`],
      ['application/x-www-form-urlencoded', `type=card&card[number]=${VISA}&card[exp_month]=12&card[exp_year]=${nextYear}&card[cvc]=${VISA}`],
      ['application/x-www-form-urlencoded', `type=${VISA}&card[number]=${VISA}&card[exp_month]=12&card[exp_year]=${nextYear}`],
    ];
    for (const [contentType, body] of attempts) {
      const response = await fetch(`${baseUrl}/v1/payment_methods`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}`, 'content-type': contentType }, body });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain(VISA);
    }
    const byPath = await fetch(`${baseUrl}/v1/payment_methods/${VISA}`, { headers: { authorization: `Bearer ${secretKey}` } });
    expect(byPath.status).toBe(404);
    expect(await byPath.text()).not.toContain(VISA);
  });

  it('confirms a payment intent with a stored card: 4242… succeeds, 4000…0002 declines with a card_error', async () => {
    const visa = await stripe.paymentMethods.create(card(VISA));
    const declined = await stripe.paymentMethods.create(card(DECLINED));
    created.push(visa.id, declined.id);

    const paid = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', payment_method: visa.id, confirm: true });
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 1999, payment_method: visa.id });

    const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'eur' });
    const error = await failure(stripe.paymentIntents.confirm(intent.id, { payment_method: declined.id }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(JSON.stringify(error.raw)).not.toContain(DECLINED);
    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({ code: 'card_declined', payment_method: { id: declined.id } });

    // Retrying with a good card works on the same intent.
    expect(await stripe.paymentIntents.confirm(intent.id, { payment_method: visa.id })).toMatchObject({ status: 'succeeded', payment_method: visa.id });
  });

  it('keeps confirming with Stripe\'s test tokens', async () => {
    expect(await stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_mastercard', confirm: true })).toMatchObject({
      status: 'succeeded',
    });
    const error = await failure(stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }));
    expect(error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
  });

  it('retrieves a Stripe test token as a new PaymentMethod, as Stripe\'s test mode does', async () => {
    const fromToken = await stripe.paymentMethods.retrieve('pm_card_visa');
    created.push(fromToken.id);
    expect(fromToken.id).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect(fromToken).toMatchObject({ object: 'payment_method', type: 'card', customer: null, card: { brand: 'visa', last4: '4242' } });
    expect(await stripe.paymentMethods.retrieve(fromToken.id)).toMatchObject({ id: fromToken.id });
    const error = await failure(stripe.paymentMethods.retrieve('pm_card_doesNotExist'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('attaches, lists and detaches a customer\'s payment methods', async () => {
    const customer = await stripe.customers.create({ email: 'pm-spec@example.com' });
    const first = await stripe.paymentMethods.create(card(VISA));
    const second = await stripe.paymentMethods.create(card(MASTERCARD));
    created.push(first.id, second.id);

    const attached = await stripe.paymentMethods.attach(first.id, { customer: customer.id });
    expect(attached).toMatchObject({ id: first.id, customer: customer.id });
    await stripe.paymentMethods.attach(second.id, { customer: customer.id });
    expect(await stripe.paymentMethods.attach(first.id, { customer: customer.id })).toMatchObject({ customer: customer.id });
    const fromToken = await stripe.paymentMethods.attach('pm_card_amex', { customer: customer.id });
    created.push(fromToken.id);
    expect(fromToken).toMatchObject({ customer: customer.id, card: { brand: 'amex', last4: '0005' } });

    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(listed.data.map((paymentMethod) => paymentMethod.id)).toEqual([fromToken.id, second.id, first.id]);
    const page = await stripe.customers.listPaymentMethods(customer.id, { limit: 2 });
    expect(page.data.map((paymentMethod) => paymentMethod.id)).toEqual([fromToken.id, second.id]);
    expect(page.has_more).toBe(true);
    const rest = await stripe.customers.listPaymentMethods(customer.id, { limit: 2, starting_after: second.id });
    expect(rest.data.map((paymentMethod) => paymentMethod.id)).toEqual([first.id]);
    expect(rest.has_more).toBe(false);
    expect((await stripe.paymentMethods.list({ customer: customer.id, type: 'sepa_debit' })).data).toEqual([]);
    expect(await stripe.customers.retrievePaymentMethod(customer.id, first.id)).toMatchObject({ id: first.id });

    const otherCustomer = await stripe.customers.create({});
    const taken = await failure(stripe.paymentMethods.attach(first.id, { customer: otherCustomer.id }));
    expect(taken).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });

    const detached = await stripe.paymentMethods.detach(first.id);
    expect(detached).toMatchObject({ id: first.id, customer: null });
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data.map((paymentMethod) => paymentMethod.id)).toEqual([fromToken.id, second.id]);
    expect(await failure(stripe.customers.retrievePaymentMethod(customer.id, first.id))).toMatchObject({ statusCode: 404 });
    expect(await failure(stripe.paymentMethods.detach(first.id))).toMatchObject({ statusCode: 400 });
    expect(await failure(stripe.paymentMethods.attach(first.id, { customer: 'cus_doesnotexist00000000000' }))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(stripe.paymentMethods.list({ customer: 'cus_doesnotexist00000000000' }))).toMatchObject({ statusCode: 404 });
  });

  it('hides one merchant\'s payment methods from another (404, never 403)', async () => {
    const mine = await stripe.paymentMethods.create(card(VISA));
    const myCustomer = await stripe.customers.create({});
    created.push(mine.id);
    expect(await failure(other.paymentMethods.retrieve(mine.id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(other.paymentMethods.detach(mine.id))).toMatchObject({ statusCode: 404 });
    const theirCustomer = await other.customers.create({});
    expect(await failure(other.paymentMethods.attach(mine.id, { customer: theirCustomer.id }))).toMatchObject({ statusCode: 404 });
    expect(await failure(stripe.paymentMethods.attach(mine.id, { customer: theirCustomer.id }))).toMatchObject({ statusCode: 404 });
    expect(await failure(other.paymentMethods.list({ customer: myCustomer.id }))).toMatchObject({ statusCode: 404 });
    expect((await other.paymentMethods.list({ limit: 100 })).data.map((paymentMethod) => paymentMethod.id)).not.toContain(mine.id);
    const error = await failure(other.paymentIntents.create({ amount: 100, currency: 'usd', payment_method: mine.id, confirm: true }));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses a raw card number where a PaymentMethod id belongs, without repeating it', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    for (const attempt of [
      stripe.paymentIntents.confirm(intent.id, { payment_method: NOT_A_TEST_CARD }),
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: NOT_A_TEST_CARD }),
    ]) {
      const error = await failure(attempt);
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('payment_method');
      expect(error.message).not.toContain(NOT_A_TEST_CARD);
    }
    expect((await stripe.paymentIntents.retrieve(intent.id)).payment_method).toBeNull();
  });

  it('keeps every card number out of the database and the platform logs', async () => {
    expect(created.length).toBeGreaterThan(5);
    const rows = await databaseRows();
    const mine = rows.filter((row) => merchantIds.some((merchantId) => row.includes(merchantId)));
    for (const id of created) expect(mine.some((row) => row.includes(id))).toBe(true);
    const everything = rows.join('\n');
    const mineText = mine.join('\n');
    for (const pan of SENT) expect(mineText).not.toContain(pan);
    for (const pan of ONLY_HERE) expect(everything).not.toContain(pan);

    const logs = await platformLogs();
    for (const pan of SENT) expect(logs).not.toContain(pan);
  });
});

/** Every row of every table the services own, as JSON text. */
async function databaseRows(): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((table) => table.table_schema)).toEqual(expect.arrayContaining(['payments', 'connectors']));
    const rows: string[] = [];
    for (const { table_schema: schema, table_name: table } of tables) {
      const result = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`);
      rows.push(...result.rows.map((row) => row.row));
    }
    return rows;
  } finally {
    await client.end();
  }
}

async function platformLogs(): Promise<string> {
  const files = (await readdir(LOG_DIR)).filter((file) => file.endsWith('.log'));
  expect(files.length).toBeGreaterThan(0);
  return (await Promise.all(files.map((file) => readFile(join(LOG_DIR, file), 'utf8')))).join('\n');
}
