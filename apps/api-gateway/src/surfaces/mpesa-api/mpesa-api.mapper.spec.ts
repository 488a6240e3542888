import type { ChargeResource, PaymentIntentResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { mpesaApiCode } from './mpesa-api-error.filter.js';
import { formattedAmount, historyEntry, receipt, verification } from './mpesa-api.mapper.js';

const intent = (overrides: Partial<PaymentIntentResource>) =>
  ({ id: 'pi_1', amount: 100_000, currency: 'kes', status: 'processing', last_payment_error: null, metadata: {}, created: 1_692_102_896, ...overrides }) as PaymentIntentResource;

describe('the M-Pesa API document mapping', () => {
  it('formats amounts as the document shows them', () => {
    expect(formattedAmount(100_000, 'kes')).toBe('KES 1,000.00');
    expect(formattedAmount(25_000_000, 'kes')).toBe('KES 250,000.00');
    expect(formattedAmount(150, 'kes')).toBe('KES 1.50');
  });

  it('reports pending, completed, failed and cancelled', () => {
    expect(verification(intent({ status: 'processing' }))).toEqual({ status: 'pending', message: 'Payment pending' });
    expect(verification(intent({ status: 'succeeded' }))).toEqual({ status: 'completed', message: 'Payment successful' });
    expect(verification(intent({ status: 'requires_payment_method', last_payment_error: { message: 'The customer cancelled.' } as PaymentIntentResource['last_payment_error'] }))).toEqual({
      status: 'failed',
      message: 'The customer cancelled.',
    });
    expect(verification(intent({ status: 'canceled' }))).toMatchObject({ status: 'cancelled' });
  });

  it('lists shillings and an ISO date without milliseconds', () => {
    expect(historyEntry(intent({ status: 'succeeded' }))).toEqual({ id: 'pi_1', amount: 1000, status: 'completed', payment_method: 'mpesa', created_at: '2023-08-15T12:34:56Z' });
  });

  it('shows the receipt number, the masked phone and the order', () => {
    const charge = { created: 1_692_102_896, receipt_number: 'SGH1ABC234', payment_method_details: { type: 'mpesa', mpesa: { receipt_number: 'SGH1ABC234', phone_number_last4: '4149' } } } as ChargeResource;
    expect(receipt(intent({ status: 'succeeded', metadata: { order_id: '123' } }), charge)).toEqual({
      receipt_number: 'SGH1ABC234',
      date: '2023-08-15 12:34:56',
      amount: 'KES 1,000.00',
      payment_method: 'M-Pesa',
      status: 'Completed',
      customer_name: null,
      customer_phone: '254*****4149',
      order_reference: 'Order #123',
    });
  });

  it("names failures with the document's codes", () => {
    expect(mpesaApiCode(new PayrailError('parameter_invalid', 'x', { param: 'mpesa[phone_number]' }), 400)).toBe('INVALID_PHONE');
    expect(mpesaApiCode(new PayrailError('amount_too_small', 'x', { param: 'amount' }), 400)).toBe('AMOUNT_TOO_LOW');
    expect(mpesaApiCode(new PayrailError('amount_too_large', 'x', { param: 'amount' }), 400)).toBe('AMOUNT_TOO_HIGH');
    expect(mpesaApiCode(new PayrailError('parameter_invalid', 'x', { param: 'currency' }), 400)).toBe('INVALID_CURRENCY');
    expect(mpesaApiCode(new PayrailError('resource_missing', 'x'), 404)).toBe('NOT_FOUND');
  });
});
