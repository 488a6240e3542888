import { redactBody, REDACTED } from './request-log-redaction.js';

describe('request log redaction', () => {
  it('drops card numbers, CVCs, passwords, secrets and tokens, whatever their shape, and keeps the rest', () => {
    const body = {
      amount: '2000',
      currency: 'usd',
      card: { number: '4242 4242 4242 4242', cvc: '123', exp_month: '12', exp_year: '2030' },
      payment_method_data: { card: { number: '4000000000003220' } },
      password: 'hunter2',
      client_secret: 'pi_1_secret_abc',
      refresh_token: 'rt_abcdefghijklmnopqrstu',
      metadata: { note: 'paid with 4111111111111111 by sk_test_abcdEFGH1234', order: 'A-17' },
      items: [{ token: 'tok_123' }],
    };
    expect(redactBody(body)).toEqual({
      amount: '2000',
      currency: 'usd',
      card: { number: REDACTED, cvc: REDACTED, exp_month: '12', exp_year: '2030' },
      payment_method_data: { card: { number: REDACTED } },
      password: REDACTED,
      client_secret: REDACTED,
      refresh_token: REDACTED,
      metadata: { note: 'paid with [REDACTED_PAN] by sk_test_[REDACTED]', order: 'A-17' },
      items: [{ token: REDACTED }],
    });
  });

  it("keeps a UPI payer's VPA as a card is kept, by a few characters: in a charge and wherever else it is sent", () => {
    const charge = { id: 'ch_1', payment_method_details: { type: 'upi', upi: { vpa: '9876543210@ybl' } } };
    expect(redactBody(charge)).toEqual({ id: 'ch_1', payment_method_details: { type: 'upi', upi: { vpa: '98***@ybl' } } });
    expect(redactBody({ method: 'upi', vpa: 'success@razorpay' })).toEqual({ method: 'upi', vpa: 'su***@razorpay' });
    expect(redactBody({ upi: { vpa: null } })).toEqual({ upi: { vpa: null } });
  });

  it('keeps numbers, booleans and nulls, and an absent body as null', () => {
    expect(redactBody({ amount: 2000, livemode: false, description: null })).toEqual({ amount: 2000, livemode: false, description: null });
    expect(redactBody(undefined)).toBeNull();
  });

  it('stores only text Postgres takes: a pair cut by the length limit, a lone surrogate and a NUL become U+FFFD', () => {
    const emoji = '😀'.repeat(1_500);
    const cut = redactBody({ description: `a${emoji}` }) as { description: string };
    expect(cut.description).toHaveLength(2_001);
    expect(cut.description.endsWith('\uFFFD…')).toBe(true);
    expect(cut.description).not.toMatch(/\p{Cs}/u);
    expect(redactBody({ ['k\uD800']: 'v\u0000\uDC00w', ok: '😀' })).toEqual({ 'k\uFFFD': 'v\uFFFD\uFFFDw', ok: '😀' });
    expect(JSON.parse(JSON.stringify(cut))).toEqual(cut);
  });
});
