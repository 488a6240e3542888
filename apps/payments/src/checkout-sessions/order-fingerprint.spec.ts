import type { CreateCheckoutSessionParams } from '@payrail/contracts';
import { checkSessionParams } from './checkout-session-params.js';
import { orderFingerprint } from './order-fingerprint.js';

const now = new Date('2026-01-01T00:00:00Z');

/** A `/pay` as the gateway API surface sends it. */
const pay = (extra: Partial<CreateCheckoutSessionParams> = {}, amount = 150000, currency = 'INR'): CreateCheckoutSessionParams => ({
  id: 'cs_first',
  mode: 'payment',
  line_items: [{ price_data: { currency, unit_amount: amount, product_data: { name: 'Order ORD-1' } }, quantity: 1 }],
  success_url: 'https://client.example/success',
  cancel_url: 'https://client.example/success',
  order_id: 'ORD-1',
  customer_email: 'rahul@example.com',
  customer_name: 'Rahul Kumar',
  customer_phone: '9999999999',
  metadata: { product_id: 'P100', notes: 'Test order' },
  payment_method_types: ['card', 'upi'],
  notification: { url: 'https://client.example/webhook', signing_key: 'hk_first' },
  ...extra,
});

const fingerprintOf = (params: CreateCheckoutSessionParams) => orderFingerprint(params, checkSessionParams(params, now));

describe('orderFingerprint', () => {
  const first = fingerprintOf(pay());

  it('is the same for a retry of the payment however its fields are written, and whatever the edge chose for it', () => {
    const retries: Array<[string, CreateCheckoutSessionParams]> = [
      ['the same request', pay()],
      ['another session id', pay({ id: 'cs_second' })],
      ['the currency in lower case', pay({}, 150000, 'inr')],
      ['the e-mail address in another case', pay({ customer_email: 'Rahul@Example.COM' })],
      ['the name with stray spaces', pay({ customer_name: ' Rahul   Kumar ' })],
      ['the phone with separators', pay({ customer_phone: '99999-99999' })],
      ['the URLs with upper-case scheme and host, or the default port', pay({ success_url: 'HTTPS://Client.Example:443/success', notification: { url: 'https://CLIENT.example/webhook', signing_key: 'hk_first' } })],
      ['metadata in another key order', pay({ metadata: { notes: 'Test order', product_id: 'P100' } })],
      ['other payment method types routable now', pay({ payment_method_types: ['card'] })],
      ['signed with a rolled key', pay({ notification: { url: 'https://client.example/webhook', signing_key: 'hk_rolled' } })],
    ];
    for (const [how, params] of retries) expect({ how, same: fingerprintOf(params) === first }).toEqual({ how, same: true });
  });

  it('differs for any change to the payment: amount, currency, customer, URLs, notifications or metadata', () => {
    const others: Array<[string, CreateCheckoutSessionParams]> = [
      ['one paisa more', pay({}, 150001)],
      ['another currency', pay({}, 150000, 'USD')],
      ['another e-mail address', pay({ customer_email: 'priya@example.com' })],
      ['no e-mail address', pay({ customer_email: undefined })],
      ['another name', pay({ customer_name: 'Priya Kumar' })],
      ['another phone', pay({ customer_phone: '9999999998' })],
      ['another return_url', pay({ success_url: 'https://client.example/done', cancel_url: 'https://client.example/done' })],
      ['another webhook_url', pay({ notification: { url: 'https://client.example/webhook2', signing_key: 'hk_first' } })],
      ['no webhook_url', pay({ notification: undefined })],
      ['another metadata value', pay({ metadata: { product_id: 'P200', notes: 'Test order' } })],
      ['a metadata key more', pay({ metadata: { product_id: 'P100', notes: 'Test order', extra: '1' } })],
      ['no metadata', pay({ metadata: undefined })],
    ];
    for (const [how, params] of others) expect({ how, same: fingerprintOf(params) === first }).toEqual({ how, same: false });
  });
});
