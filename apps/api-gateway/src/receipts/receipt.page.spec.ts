import type { ChargeReceiptView } from '@payrail/contracts';
import { receiptPage } from './receipt.page.js';

const receipt: ChargeReceiptView = {
  id: 'ch_1',
  amount: 2000,
  amount_captured: 2000,
  amount_refunded: 0,
  currency: 'usd',
  status: 'succeeded',
  captured: true,
  created: 1_764_000_000,
  description: null,
  statement_descriptor: null,
  receipt_number: '1234-5678',
  card: { brand: 'visa', last4: '4242' },
  livemode: false,
};

describe('receiptPage', () => {
  it('formats the amount for the currency', () => {
    expect(receiptPage(receipt)).toContain('USD 20.00');
    expect(receiptPage({ ...receipt, amount: 100_000, amount_captured: 100_000, currency: 'kes' })).toContain('KES 1,000.00');
    expect(receiptPage({ ...receipt, amount: 500, amount_captured: 500, currency: 'jpy' })).toContain('JPY 500');
  });

  it('escapes merchant text', () => {
    const html = receiptPage({ ...receipt, description: '<img src=x onerror=alert(1)>', statement_descriptor: '"quoted" & \'single\'' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('shows what was captured, what was refunded, and an authorisation as such', () => {
    const partial = receiptPage({ ...receipt, amount: 5000, amount_captured: 4000, amount_refunded: 500 });
    expect(partial).toContain('USD 40.00');
    expect(partial).toContain('Refunded');
    expect(partial).toContain('USD 5.00');
    expect(receiptPage({ ...receipt, captured: false, amount_captured: 0 })).toContain('Amount authorised');
  });
});
