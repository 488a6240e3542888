import type { CheckoutPageView } from '@payrail/contracts';
import { readPaymentMethod } from './card-form.js';
import { checkoutPage } from './checkout-page.js';
import { noticeForFailure, razorpayCheckoutFields, razorpayHandoffPage, razorpayNotice, readRazorpayCallback, type RazorpayHandoff } from './razorpay-checkout.js';

const view: CheckoutPageView = {
  id: 'cs_1',
  merchant_id: 'mch_1',
  livemode: false,
  status: 'open',
  currency: 'inr',
  amount_subtotal: 99800,
  amount_total: 99800,
  line_items: [
    { name: 'Saffron "1 g"', description: null, quantity: 2, unit_amount: 49900, amount_total: 99800 },
  ],
  locale: 'en-IN',
  customer_email: 'asha@example.com',
  payment_method_types: ['upi'],
  cancel_url: 'https://shop.example/cancel',
  success_url: 'https://shop.example/success?id=cs_1',
  expires_at: 0,
  attempt: 1,
  processing: false,
  last_error: null,
  paid_at_gateway: [],
};

const handoff: RazorpayHandoff = {
  merchantName: 'Mumbai <Spices>',
  locale: 'en-IN',
  target: { checkout_url: 'https://api.razorpay.com/v1/checkout/embedded', key_id: 'rzp_test_abc123', order_id: 'order_ABC123' },
  method: 'upi',
  email: 'asha@example.com',
  callbackUrl: 'https://pay.example/checkout/cs_1/razorpay',
  cancelUrl: 'https://pay.example/checkout/cs_1',
};

describe('UPI on the hosted page, through Razorpay Hosted Checkout', () => {
  it('offers UPI as a form of its own that sends no UPI ID, only the choice', () => {
    const page = checkoutPage(view, { merchantName: 'Shop', locale: 'en-IN', csrf: 'tok' });
    expect(page.body).toContain('id="upi-form"');
    expect(page.body).toContain('name="method" value="upi"');
    expect(page.body).not.toContain('id="pay-form"');
    expect(page.body).not.toContain('card_number');
    expect(page.body).toContain('success@razorpay');
    // The page itself may post only to itself (and the merchant's success page): never to Razorpay.
    expect(page.formTargets).toEqual(['https://shop.example']);
    expect(readPaymentMethod({ csrf: 't', attempt: 0, method: 'upi' })).toEqual({ method: { at_gateway: 'upi' } });
  });

  it('takes no card on the page when cards are routed to Razorpay: the card form only sends the customer there', () => {
    const page = checkoutPage({ ...view, payment_method_types: ['card', 'upi'], customer_email: null, paid_at_gateway: ['card', 'upi'] }, { merchantName: 'Shop', locale: 'en-IN', csrf: 'tok' });
    expect(page.body).not.toContain('card_number');
    expect(page.body).not.toContain('id="pay-form"');
    expect(page.body).toContain('name="method" value="card_at_gateway"');
    expect(page.body).toContain('<label for="email">Email</label>');
    expect(page.body).toContain('<label for="upi_email">Email</label>');
    expect(page.body).toContain('4111 1111 1111 1111');
    const own = checkoutPage({ ...view, payment_method_types: ['card', 'upi'], paid_at_gateway: ['upi'] }, { merchantName: 'Shop', locale: 'en-IN', csrf: 'tok' });
    expect(own.body).toContain('id="card_number"');
    expect(own.body).not.toContain('card_at_gateway');
    expect(readPaymentMethod({ csrf: 't', attempt: 0, method: 'card_at_gateway' })).toEqual({ method: { at_gateway: 'card' } });
  });

  it('builds Razorpay\'s documented Hosted Checkout fields, with the public key id and never a secret', () => {
    expect(razorpayCheckoutFields(view, handoff)).toEqual([
      ['key_id', 'rzp_test_abc123'],
      ['order_id', 'order_ABC123'],
      ['name', 'Mumbai <Spices>'],
      ['description', '2 × Saffron "1 g"'],
      ['prefill[email]', 'asha@example.com'],
      ['prefill[method]', 'upi'],
      ['callback_url', 'https://pay.example/checkout/cs_1/razorpay'],
      ['cancel_url', 'https://pay.example/checkout/cs_1'],
    ]);
    expect(razorpayCheckoutFields(view, { ...handoff, email: null }).map(([name]) => name)).not.toContain('prefill[email]');
  });

  it('posts to Razorpay from a page whose CSP lets only its form go there, every value escaped', () => {
    const page = razorpayHandoffPage(view, handoff);
    expect(page.body).toContain('<form method="post" action="https://api.razorpay.com/v1/checkout/embedded" id="razorpay-handoff">');
    expect(page.body).toContain('<input type="hidden" name="name" value="Mumbai &lt;Spices&gt;">');
    expect(page.body).toContain('value="2 × Saffron &quot;1 g&quot;"');
    expect(page.body).toContain('<button type="submit" id="razorpay-continue">Continue to Razorpay</button>');
    expect(page.formTargets).toEqual(['https://api.razorpay.com', 'https://shop.example']);
    expect(page.script).toContain('submit()');
    expect(page.body).not.toMatch(/<script|\son[a-z]+=/);
  });

  it('reads Razorpay\'s callback: a signed result, a failure by its reason only, or nothing usable', () => {
    const paid = { razorpay_payment_id: 'pay_1', razorpay_order_id: 'order_1', razorpay_signature: 'a'.repeat(64), extra_field: 'ignored' };
    expect(readRazorpayCallback(paid)).toEqual({ kind: 'paid', result: { razorpay_payment_id: 'pay_1', razorpay_order_id: 'order_1', razorpay_signature: 'a'.repeat(64) } });
    const failed = { error: { code: 'BAD_REQUEST_ERROR', description: 'Call +1 555 for help', reason: 'authorisation_declined_by_psp', metadata: { payment_id: 'pay_2', order_id: 'order_1' } } };
    expect(readRazorpayCallback(failed)).toEqual({ kind: 'failed', reason: 'authorisation_declined_by_psp' });
    expect(readRazorpayCallback({ error: { reason: '<script>' } })).toEqual({ kind: 'failed', reason: null });
    expect(readRazorpayCallback({ razorpay_payment_id: 'pay_1', razorpay_order_id: 'order_1' })).toEqual({ kind: 'unreadable' });
    expect(readRazorpayCallback({ razorpay_payment_id: ['pay_1'], razorpay_order_id: 'order_1', razorpay_signature: 'x' })).toEqual({ kind: 'unreadable' });
    expect(readRazorpayCallback('garbage')).toEqual({ kind: 'unreadable' });
    expect(readRazorpayCallback({ razorpay_payment_id: 'p'.repeat(65), razorpay_order_id: 'order_1', razorpay_signature: 'x' })).toEqual({ kind: 'unreadable' });
  });

  it('shows only Payrail\'s own words for a failure, chosen by a known code', () => {
    expect(noticeForFailure('authorisation_declined_by_psp')).toBe('authorisation_declined_by_psp');
    expect(noticeForFailure('made_up_reason')).toBe('declined');
    expect(noticeForFailure(null)).toBe('declined');
    expect(razorpayNotice('authorisation_declined_by_psp')).toContain('UPI app declined');
    expect(razorpayNotice('declined')).toContain('not completed');
    expect(razorpayNotice('unverified')).toContain('nothing was charged');
    expect(razorpayNotice('toString')).toBeUndefined();
    expect(razorpayNotice(['declined'])).toBeUndefined();
    expect(razorpayNotice(undefined)).toBeUndefined();
  });
});
