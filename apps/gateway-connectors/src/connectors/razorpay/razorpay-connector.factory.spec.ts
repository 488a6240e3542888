import { PayrailError } from '@payrail/errors';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import { parseRazorpayPaymentMethod } from './razorpay-payment-method.js';
import { RazorpayConnectorFactory } from './razorpay-connector.factory.js';
import { receiptFor } from './razorpay.connector.js';

const factory = new RazorpayConnectorFactory(new GatewayHttpClient(), { razorpayApiBase: 'https://api.razorpay.com' });
const SECRET = 'Xy7rQ2sLkP9mN3vB5cD8fG1h';

function refusal(action: () => unknown): PayrailError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PayrailError);
    return error as PayrailError;
  }
  throw new Error('expected a refusal');
}

describe('RazorpayConnectorFactory', () => {
  it('declares the Razorpay gateway, its credential fields and capabilities', () => {
    expect(factory.gateway).toBe('razorpay');
    expect(factory.credentialFields).toEqual(['key_id', 'key_secret']);
    expect(factory.capabilities).toMatchObject({ paymentMethodTypes: ['card', 'upi'], manualCapture: true, partialCapture: false, partialRefunds: true });
    expect(factory.capabilities.currencies).toContain('inr');
  });

  it('accepts a key id of the request mode', () => {
    expect(() => factory.validateCredentials({ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET }, false)).not.toThrow();
    expect(() => factory.validateCredentials({ key_id: 'rzp_live_1DP5mmOlF5G5ag', key_secret: SECRET }, true)).not.toThrow();
    expect(() => factory.validateCredentials({ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET, api_base: 'http://127.0.0.1:9' }, false)).not.toThrow();
    expect(factory.create({ id: 'ga_1', livemode: false, credentials: { key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET } }).name).toBe('razorpay');
  });

  it.each([
    [{ key_id: 'rzp_live_1DP5mmOlF5G5ag', key_secret: SECRET }, false, 'parameter_invalid', 'credentials[key_id]'],
    [{ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET }, true, 'parameter_invalid', 'credentials[key_id]'],
    [{ key_id: 'sk_test_abc', key_secret: SECRET }, false, 'parameter_invalid', 'credentials[key_id]'],
    [{ key_id: 'rzp_test_1DP5mmOlF5G5ag' }, false, 'parameter_missing', 'credentials[key_secret]'],
    [{ key_secret: SECRET }, false, 'parameter_missing', 'credentials[key_id]'],
    [{ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: 'has spaces in it!' }, false, 'parameter_invalid', 'credentials[key_secret]'],
    [{ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET, secret_key: 'x' }, false, 'parameter_unknown', 'credentials[secret_key]'],
    [{ key_id: 'rzp_live_1DP5mmOlF5G5ag', key_secret: SECRET, api_base: 'http://127.0.0.1:9' }, true, 'parameter_invalid', 'credentials[api_base]'],
    [{ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: SECRET, api_base: 'file:///etc/passwd' }, false, 'parameter_invalid', 'credentials[api_base]'],
  ])('refuses %j (livemode %s) with a 4xx naming the field', (credentials, livemode, code, param) => {
    const error = refusal(() => factory.validateCredentials(credentials as Record<string, string>, livemode));
    expect(error).toMatchObject({ code, param });
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.status).toBeLessThan(500);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('has spaces');
  });
});

describe('Razorpay payment methods and receipts', () => {
  it('starts a Checkout payment for card or upi, and reads a Checkout result', () => {
    expect(parseRazorpayPaymentMethod('card')).toEqual({ kind: 'start', type: 'card' });
    expect(parseRazorpayPaymentMethod('upi')).toEqual({ kind: 'start', type: 'upi' });
    // A card PaymentMethod routed to Razorpay: the card itself is typed into Checkout.
    expect(parseRazorpayPaymentMethod('pm_card_visa')).toEqual({ kind: 'start', type: 'card' });
    const signature = 'a'.repeat(64);
    expect(parseRazorpayPaymentMethod(`razorpay_payment_id=pay_A1&razorpay_order_id=order_B2&razorpay_signature=${signature}`)).toEqual({
      kind: 'checkout',
      result: { razorpay_payment_id: 'pay_A1', razorpay_order_id: 'order_B2', razorpay_signature: signature },
    });
  });

  it('refuses anything else with a 400 on payment_method that never echoes it', () => {
    for (const value of ['4111111111111111', 'pm_card visa', 'razorpay_payment_id=pay_A1&razorpay_order_id=order_B2', 'netbanking']) {
      const error = refusal(() => parseRazorpayPaymentMethod(value));
      expect(error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method', status: 400 });
      expect(error.message).not.toContain('4111111111111111');
    }
  });

  it('derives a receipt of at most 40 characters, the same for the same key', () => {
    expect(receiptFor('authorization:pi_1:1')).toBe('authorization:pi_1:1');
    const long = `authorization:pi_${'z'.repeat(40)}:1`;
    expect(receiptFor(long)).toHaveLength(40);
    expect(receiptFor(long)).toBe(receiptFor(long));
    expect(receiptFor(long)).not.toBe(receiptFor(`${long}2`));
  });
});
