import { checkListParams } from './list-params.js';
import { refusal } from '@payrail/testing';

describe('list parameters', () => {
  it('accepts no parameters, a limit from 1 to 100 and one cursor', () => {
    for (const params of [{}, { limit: 1 }, { limit: 100, starting_after: 'we_1' }, { ending_before: 'evt_1' }]) {
      expect(() => checkListParams(params)).not.toThrow();
    }
  });

  it('refuses a limit outside 1..100 naming limit', () => {
    for (const limit of [0, 101, 2.5, Number.NaN]) expect(refusal(() => checkListParams({ limit })).param).toBe('limit');
  });

  it('refuses both cursors at once, or an empty one', () => {
    expect(refusal(() => checkListParams({ starting_after: 'a', ending_before: 'b' })).code).toBe('parameter_invalid');
    expect(refusal(() => checkListParams({ starting_after: '' })).param).toBe('starting_after');
  });
});
