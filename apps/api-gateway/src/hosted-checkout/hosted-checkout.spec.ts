import type { CheckoutPageView } from '@payrail/contracts';
import { readCard, readPaymentMethod } from './card-form.js';
import { formatAmount, pageLocale } from './checkout-format.js';
import { checkoutPage, completePage } from './checkout-page.js';
import { mpesaWaitingPage, streamOriginOf } from './mpesa-waiting-page.js';

const view: CheckoutPageView = {
  id: 'cs_1',
  merchant_id: 'mch_1',
  livemode: false,
  status: 'open',
  currency: 'eur',
  amount_subtotal: 5500,
  amount_total: 5500,
  line_items: [{ name: '<b>Mouse</b>', description: null, quantity: 2, unit_amount: 2750, amount_total: 5500 }],
  locale: 'fr',
  customer_email: null,
  payment_method_types: ['card'],
  cancel_url: 'https://shop.example/cancel',
  success_url: 'https://shop.example/success?id=cs_1',
  expires_at: 0,
  attempt: 2,
  processing: false,
  last_error: { code: 'generic_decline', message: 'Your card was declined.' },
  paid_at_gateway: [],
};

describe('hosted checkout page', () => {
  it('formats totals for the currency and the locale, exactly', () => {
    expect(formatAmount(5500, 'usd', 'en')).toBe('$55.00');
    expect(formatAmount(5500, 'eur', 'fr').replace(/\s/g, ' ')).toBe('55,00 €');
    expect(formatAmount(500, 'jpy', 'ja')).toBe('￥500');
    expect(formatAmount(1500, 'kwd', 'en').replace(/\s/g, ' ')).toBe('KWD 1.500');
    expect(formatAmount(999_999_999_999, 'usd', 'en')).toBe('$9,999,999,999.99');
  });

  it('speaks the session locale, or with auto the browser\'s', () => {
    expect(pageLocale('de', 'fr-FR,fr;q=0.9')).toBe('de');
    expect(pageLocale('auto', 'fr-FR,fr;q=0.9')).toBe('fr-FR');
    expect(pageLocale(null, undefined)).toBe('en');
  });

  it('reads a card as a person types it, and says what is wrong', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(readCard({ card_number: '4242 4242-4242 4242', card_exp: '12 / 34', card_cvc: '123' }, now)).toEqual({ card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } });
    expect(readCard({ card_number: '4242', card_exp: '12/34', card_cvc: '123' }, now)).toEqual({ problem: expect.stringContaining('card number') });
    expect(readCard({ card_number: '4242424242424242', card_exp: '05/26', card_cvc: '123' }, now)).toEqual({ problem: expect.stringContaining('past') });
    expect(readCard({ card_number: '4242424242424242', card_exp: '13/30', card_cvc: '123' }, now)).toEqual({ problem: expect.stringContaining('month') });
    expect(readCard({ card_number: '4242424242424242', card_exp: '12/30', card_cvc: '1' }, now)).toEqual({ problem: expect.stringContaining('security code') });
  });

  it('labels every field, escapes merchant text, shows the last decline and carries the attempt and the CSRF token', () => {
    const page = checkoutPage(view, { merchantName: 'Shop "&" Co', locale: 'fr', csrf: 'tok' });
    expect(page.body).toContain('&lt;b&gt;Mouse&lt;/b&gt;');
    expect(page.body).toContain('Shop &quot;&amp;&quot; Co');
    expect(page.body).toContain('role="alert" id="payment-error">Your card was declined.');
    expect(page.body).toContain('name="attempt" value="2"');
    expect(page.body).toContain('name="csrf" value="tok"');
    for (const field of ['email', 'card_number', 'card_exp', 'card_cvc', 'cardholder']) {
      expect(page.body).toContain(`<label for="${field}">`);
      expect(page.body).toContain(`id="${field}"`);
    }
    expect(page.body).not.toMatch(/\son[a-z]+=/);
    expect(page.formTargets).toEqual(['https://shop.example']);
    expect(page.lang).toBe('fr');
  });

  it('offers no form once the session is complete', () => {
    const page = completePage({ ...view, status: 'complete' }, { merchantName: 'Shop', locale: 'en' });
    expect(page.body).toContain('Payment complete');
    expect(page.body).not.toContain('<form');
  });

  it('offers M-Pesa as a form of its own with a labelled phone field, beside the card form or alone', () => {
    const both = checkoutPage({ ...view, currency: 'kes', payment_method_types: ['card', 'mpesa'] }, { merchantName: 'Shop', locale: 'en', csrf: 'tok' });
    expect(both.body).toContain('id="pay-form"');
    expect(both.body).toContain('id="mpesa-form"');
    expect(both.body).toContain('<label for="mpesa_phone">M-Pesa phone number</label>');
    expect(both.body).toContain('name="method" value="mpesa"');
    expect(both.body).toContain('<label for="mpesa_email">Email</label>');
    const alone = checkoutPage({ ...view, currency: 'kes', payment_method_types: ['mpesa'] }, { merchantName: 'Shop', locale: 'en', csrf: 'tok' });
    expect(alone.body).not.toContain('id="pay-form"');
    expect(alone.body).not.toContain('card_number');
    expect(alone.body).toContain('<label for="email">Email</label>');
    expect(readPaymentMethod({ csrf: 't', attempt: 0, method: 'mpesa', mpesa_phone: '0712 345-678' })).toEqual({ method: { mpesa: { phone_number: '0712345678' } } });
    expect(readPaymentMethod({ csrf: 't', attempt: 0, method: 'mpesa', mpesa_phone: 'call me' })).toEqual({ problem: expect.stringContaining('M-Pesa number') });
  });

  it('waits on the phone with the stream\'s origin as the only connection the page may open, its data escaped', () => {
    const page = mpesaWaitingPage(view, {
      merchantName: 'Shop',
      locale: 'en',
      paymentIntent: 'pi_1',
      clientSecret: 'pi_1_secret_"x"',
      phoneLast4: '4149',
      streamOrigin: streamOriginOf('https://pay.example:8443/base'),
    });
    expect(page.connectSources).toEqual(['wss://pay.example:8443']);
    expect(page.body).toContain('data-secret="pi_1_secret_&quot;x&quot;"');
    expect(page.body).toContain('ending in 4149');
    expect(page.body).not.toContain('<form');
    expect(streamOriginOf('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000');
  });
});
