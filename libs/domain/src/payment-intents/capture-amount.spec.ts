import fc from 'fast-check';
import { splitCapture } from './capture-amount.js';

describe('splitCapture', () => {
  it('captures everything capturable by default', () => {
    expect(splitCapture(2000n)).toEqual({ captured: 2000n, released: 0n });
  });

  it('releases what a partial capture leaves', () => {
    expect(splitCapture(2000n, 750n)).toEqual({ captured: 750n, released: 1250n });
  });

  it('refuses more than is capturable, and nothing', () => {
    expect(splitCapture(2000n, 2001n)).toBe('exceeds_capturable');
    expect(splitCapture(2000n, 0n)).toBe('not_positive');
  });

  it('never creates or loses money (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 99_999_999n }), fc.bigInt({ min: -5n, max: 100_000_000n }), (capturable, requested) => {
        const split = splitCapture(capturable, requested);
        if (typeof split === 'string') {
          expect(requested < 1n || requested > capturable).toBe(true);
          return;
        }
        expect(split.captured + split.released).toBe(capturable);
        expect(split.captured).toBe(requested);
        expect(split.released >= 0n).toBe(true);
      }),
    );
  });
});
