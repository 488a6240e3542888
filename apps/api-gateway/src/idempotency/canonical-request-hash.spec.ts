import qs from 'qs';
import { canonicalRequestHash } from './canonical-request-hash.js';

const create = { method: 'POST', path: '/v1/payment_intents' };

const KEY = 'request-hash-key-for-tests';

describe('canonicalRequestHash', () => {
  it('depends on the deployment key, so the table alone reveals nothing of the parameters', () => {
    const request = { method: 'POST', path: '/v1/payment_methods', body: { card: { number: '4242424242424242' } } };
    expect(canonicalRequestHash(KEY, request)).not.toBe(canonicalRequestHash('another-key', request));
  });

  it('is the same for the same parameters in another order', () => {
    const first = canonicalRequestHash(KEY, { ...create, body: { amount: 2000, currency: 'usd', metadata: { a: '1', b: '2' } } });
    const second = canonicalRequestHash(KEY, { ...create, body: { metadata: { b: '2', a: '1' }, currency: 'usd', amount: 2000 } });
    expect(first).toBe(second);
  });

  it('is the same for a form-encoded request (as the Stripe SDK sends it) and its JSON twin', () => {
    const form = qs.parse('amount=2000&currency=usd&payment_method_types[0]=card&confirm=true&metadata[order]=6735');
    const json = { amount: 2000, currency: 'usd', payment_method_types: ['card'], confirm: true, metadata: { order: '6735' } };
    expect(canonicalRequestHash(KEY, { ...create, body: form })).toBe(canonicalRequestHash(KEY, { ...create, body: json }));
  });

  it('treats a missing body like an empty one', () => {
    expect(canonicalRequestHash(KEY, { ...create })).toBe(canonicalRequestHash(KEY, { ...create, body: {}, query: {} }));
  });

  it('differs when a parameter value differs', () => {
    expect(canonicalRequestHash(KEY, { ...create, body: { amount: 2000, currency: 'usd' } })).not.toBe(
      canonicalRequestHash(KEY, { ...create, body: { amount: 2001, currency: 'usd' } }),
    );
  });

  it('differs when a parameter is added, even an empty one', () => {
    expect(canonicalRequestHash(KEY, { ...create, body: { amount: 2000 } })).not.toBe(canonicalRequestHash(KEY, { ...create, body: { amount: 2000, description: '' } }));
  });

  it('differs for the same parameters sent to another path or with another method', () => {
    const body = { payment_method: 'pm_card_visa' };
    const confirmFirst = canonicalRequestHash(KEY, { method: 'POST', path: '/v1/payment_intents/pi_1/confirm', body });
    expect(canonicalRequestHash(KEY, { method: 'POST', path: '/v1/payment_intents/pi_2/confirm', body })).not.toBe(confirmFirst);
    expect(canonicalRequestHash(KEY, { method: 'DELETE', path: '/v1/payment_intents/pi_1/confirm', body })).not.toBe(confirmFirst);
  });

  it('keeps the order of list items, which is meaningful', () => {
    expect(canonicalRequestHash(KEY, { ...create, body: { payment_method_types: ['card', 'mpesa'] } })).not.toBe(
      canonicalRequestHash(KEY, { ...create, body: { payment_method_types: ['mpesa', 'card'] } }),
    );
  });

  it('cannot be fooled by moving text between nesting levels', () => {
    expect(canonicalRequestHash(KEY, { ...create, body: { metadata: { 'a":"b': 'c' } } })).not.toBe(
      canonicalRequestHash(KEY, { ...create, body: { metadata: { a: 'b":"c' } } }),
    );
    expect(canonicalRequestHash(KEY, { ...create, body: { a: null } })).not.toBe(canonicalRequestHash(KEY, { ...create, body: { a: 'null' } }));
  });

  it('counts query parameters as parameters', () => {
    expect(canonicalRequestHash(KEY, { ...create, query: { expand: ['latest_charge'] } })).not.toBe(canonicalRequestHash(KEY, { ...create }));
  });
});
