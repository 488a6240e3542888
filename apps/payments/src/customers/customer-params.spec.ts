import { mergedMetadata, textFields } from './customer-params.js';
import { refusal } from '@payrail/testing';

describe('customer params', () => {
  it('sets the given text fields, unsets those sent empty and leaves the rest alone', () => {
    expect(textFields({ id: 'cus_1', email: 'a@example.com', name: '', description: 'VIP' })).toEqual({ email: 'a@example.com', name: null, description: 'VIP' });
    expect(textFields({})).toEqual({});
  });

  it('refuses a malformed email and over-long fields, naming the parameter', () => {
    expect(refusal(() => textFields({ email: 'not-an-email' }))).toMatchObject({ code: 'parameter_invalid', param: 'email' });
    expect(refusal(() => textFields({ phone: '1'.repeat(21) }))).toMatchObject({ code: 'parameter_invalid', param: 'phone' });
  });

  it('merges metadata as Stripe does: keys merge, an empty value removes a key, an empty metadata clears it', () => {
    expect(mergedMetadata({ a: '1', b: '2' }, { b: '3', c: '4' })).toEqual({ a: '1', b: '3', c: '4' });
    expect(mergedMetadata({ a: '1', b: '2' }, { a: '' })).toEqual({ b: '2' });
    expect(mergedMetadata({ a: '1' }, '')).toEqual({});
    expect(mergedMetadata({ a: '1' }, undefined)).toEqual({ a: '1' });
  });

  it('refuses metadata that would pass Stripe\'s 50 keys once merged', () => {
    const current = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v']));
    expect(refusal(() => mergedMetadata(current, { extra: 'v' }))).toMatchObject({ code: 'parameter_invalid' });
    expect(mergedMetadata(current, { k0: '', extra: 'v' })).toHaveProperty('extra', 'v');
  });
});
