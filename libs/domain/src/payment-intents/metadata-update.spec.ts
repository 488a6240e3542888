import fc from 'fast-check';
import { mergeMetadata } from './metadata-update.js';

describe('mergeMetadata', () => {
  it('sets, keeps and unsets keys as Stripe does', () => {
    expect(mergeMetadata({ a: '1', b: '2' }, { b: '', c: '3' })).toEqual({ a: '1', c: '3' });
  });

  it('clears everything when metadata itself is empty', () => {
    expect(mergeMetadata({ a: '1' }, '')).toEqual({});
  });

  it('ends with exactly the untouched keys plus the non-empty updates (property)', () => {
    const record = fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(record, record, (current, update) => {
        const merged = mergeMetadata(current, update);
        for (const [key, value] of Object.entries(update)) {
          if (value === '') expect(Object.hasOwn(merged, key)).toBe(false);
          else expect(merged[key]).toBe(value);
        }
        for (const [key, value] of Object.entries(current)) {
          if (!Object.hasOwn(update, key)) expect(merged[key]).toBe(value);
        }
      }),
    );
  });
});
