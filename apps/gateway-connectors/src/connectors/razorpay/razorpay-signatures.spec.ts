import Razorpay from 'razorpay';
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js';
import { checkoutSignature, isValidCheckoutSignature, isValidWebhookSignature, webhookSignature } from './razorpay-signatures.js';

const SECRET = 'key_secret_for_signatures';
const ORDER = 'order_DBJOWzybf0sJbb';
const PAYMENT = 'pay_DGjdLMH3FTxk5Q';

describe('Razorpay signatures, cross-checked with the official SDK', () => {
  it('signs a Checkout result as the SDK verifies it', () => {
    const signature = checkoutSignature(ORDER, PAYMENT, SECRET);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(razorpayUtils.validatePaymentVerification({ order_id: ORDER, payment_id: PAYMENT }, signature, SECRET)).toBe(true);
  });

  it('accepts only the Checkout signature of that order, payment and secret', () => {
    const result = { razorpay_order_id: ORDER, razorpay_payment_id: PAYMENT, razorpay_signature: checkoutSignature(ORDER, PAYMENT, SECRET) };
    expect(isValidCheckoutSignature(result, SECRET)).toBe(true);
    expect(isValidCheckoutSignature(result, 'another_secret')).toBe(false);
    expect(isValidCheckoutSignature({ ...result, razorpay_payment_id: 'pay_SomeoneElse000' }, SECRET)).toBe(false);
    expect(isValidCheckoutSignature({ ...result, razorpay_signature: result.razorpay_signature.toUpperCase() }, SECRET)).toBe(false);
    expect(isValidCheckoutSignature({ ...result, razorpay_signature: '' }, SECRET)).toBe(false);
  });

  it('signs webhooks over the raw body as the SDK verifies them, and refuses any change', () => {
    const body = '{"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_1","amount":100}}}}';
    const signature = webhookSignature(body, 'whsec');
    expect(Razorpay.validateWebhookSignature(body, signature, 'whsec')).toBe(true);
    expect(isValidWebhookSignature(body, signature, 'whsec')).toBe(true);
    expect(isValidWebhookSignature(Buffer.from(body), signature, 'whsec')).toBe(true);
    expect(isValidWebhookSignature(body.replace('100', '900'), signature, 'whsec')).toBe(false);
    expect(isValidWebhookSignature(JSON.stringify(JSON.parse(body), null, 1), signature, 'whsec')).toBe(false);
    expect(isValidWebhookSignature(body, signature, 'other')).toBe(false);
    expect(isValidWebhookSignature(body, undefined, 'whsec')).toBe(false);
    expect(isValidWebhookSignature(body, signature, '')).toBe(false);
  });
});
