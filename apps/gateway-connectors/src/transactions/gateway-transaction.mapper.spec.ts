import { MpesaConnector } from '../connectors/mpesa/mpesa.connector.js';
import { RazorpayConnector } from '../connectors/razorpay/razorpay.connector.js';
import { SandboxConnector } from '../connectors/sandbox/sandbox.connector.js';
import { StripeConnector } from '../connectors/stripe/stripe.connector.js';
import { feeColumns } from './gateway-transaction.mapper.js';

const recordedAt = new Date('2026-12-06T12:00:00Z');

describe("a transaction's gateway fee as recorded", () => {
  it('holds a fee the answer reported', () => {
    expect(feeColumns({ gatewayFee: { amount: 103, currency: 'USD' } }, recordedAt)).toEqual({
      gatewayFeeStatus: 'reported', gatewayFeeAmount: '103', gatewayFeeCurrency: 'usd', gatewaySettledAmount: null, gatewayExchangeRate: null,
      gatewayFeeReference: null, gatewayFeeChecks: 0, gatewayFeeNextCheckAt: null,
    });
  });

  it('holds the settled gross and the exact rate beside a fee taken after a conversion', () => {
    const fee = { amount: 297, currency: 'eur', settlement: { amount: 9200, currency: 'eur', exchangeRate: '0.92' } };
    expect(feeColumns({ gatewayFee: fee }, recordedAt)).toMatchObject({ gatewayFeeAmount: '297', gatewayFeeCurrency: 'eur', gatewaySettledAmount: '9200', gatewayExchangeRate: '0.92' });
  });

  it("awaits a fee the gateway has not accounted yet, due for the backfill's next pass", () => {
    expect(feeColumns({ gatewayFeeAwaited: { reference: 'ch_3Mt' } }, recordedAt)).toEqual({
      gatewayFeeStatus: 'awaited', gatewayFeeAmount: null, gatewayFeeCurrency: null, gatewaySettledAmount: null, gatewayExchangeRate: null, gatewayFeeReference: 'ch_3Mt', gatewayFeeChecks: 0, gatewayFeeNextCheckAt: recordedAt,
    });
  });

  it('records no fee and awaits none when the gateway did not say, or nothing was charged', () => {
    const none = { gatewayFeeStatus: 'not_reported', gatewayFeeAmount: null, gatewayFeeCurrency: null, gatewaySettledAmount: null, gatewayExchangeRate: null, gatewayFeeReference: null, gatewayFeeChecks: 0, gatewayFeeNextCheckAt: null };
    expect(feeColumns({}, recordedAt)).toEqual(none);
    expect(feeColumns(undefined, recordedAt)).toEqual(none);
  });

  it('is awaited only from Stripe: the sandbox, M-Pesa and Razorpay cannot be asked for a fee later, so theirs are never polled', () => {
    expect(typeof StripeConnector.prototype.lookUpFee).toBe('function');
    for (const connector of [SandboxConnector, MpesaConnector, RazorpayConnector]) expect('lookUpFee' in connector.prototype).toBe(false);
  });
});
