import fc from 'fast-check';
import { splitByDays } from './reporting.repository.js';

const DAY = 86_400;

describe('splitByDays', () => {
  it('covers every second of the range exactly once: whole days from the rollup, the ends from the rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 1, max: 10 * DAY }), (gte, length) => {
        const lt = gte + length;
        const { firstDay, endDay, headEnd, tailStart } = splitByDays(gte, lt);
        expect(gte <= headEnd && headEnd <= tailStart && tailStart <= lt).toBe(true);
        // The rollup's days lie strictly between the two raw pieces.
        if (endDay > firstDay) {
          expect(headEnd).toBe(firstDay * DAY);
          expect(tailStart).toBe(endDay * DAY);
        } else {
          expect(tailStart).toBe(headEnd);
        }
        const covered = (headEnd - gte) + (endDay - firstDay) * DAY + (lt - tailStart);
        expect(covered).toBe(lt - gte);
      }),
    );
  });

  it('reads a range of whole days from the rollup alone', () => {
    expect(splitByDays(3 * DAY, 7 * DAY)).toEqual({ firstDay: 3, endDay: 7, headEnd: 3 * DAY, tailStart: 7 * DAY });
  });
});
