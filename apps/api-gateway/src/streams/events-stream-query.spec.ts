import { PayrailError } from '@payrail/errors';
import { parseEventsStreamQuery, wantsType } from './events-stream-query.js';

const parse = (query: string, lastEventId?: string) => parseEventsStreamQuery(new URLSearchParams(query), lastEventId);
const refusal = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    return error as PayrailError;
  }
  throw new Error('not refused');
};

describe('events stream query', () => {
  it('reads types[] (exact, group or *) and the resume cursor from starting_after or Last-Event-ID', () => {
    expect(parse('types[]=payment_intent.succeeded&types[]=charge.*&starting_after=evt_1')).toEqual({ types: ['payment_intent.succeeded', 'charge.*'], startingAfter: 'evt_1' });
    expect(parse('types[]=*&types[]=charge.failed')).toEqual({ types: [], startingAfter: undefined });
    expect(parse('', 'evt_2')).toEqual({ types: [], startingAfter: 'evt_2' });
    expect(parse('starting_after=evt_3', 'evt_2').startingAfter).toBe('evt_3');
  });

  it('refuses unknown types, groups and parameters, and a cursor that is not an event id', () => {
    expect(refusal('types[]=payment_intent.exploded')).toMatchObject({ code: 'parameter_invalid', param: 'types' });
    expect(refusal('types[]=nothing.*')).toMatchObject({ code: 'parameter_invalid' });
    expect(refusal('types[]=merchant.created')).toMatchObject({ code: 'parameter_invalid' });
    expect(refusal('limit=3')).toMatchObject({ code: 'parameter_unknown', param: 'limit' });
    expect(refusal('starting_after=pi_123')).toMatchObject({ code: 'parameter_invalid', param: 'starting_after' });
  });

  it('matches an event type against exact types and groups', () => {
    expect(wantsType([], 'refund.created')).toBe(true);
    expect(wantsType(['charge.*'], 'charge.dispute.created')).toBe(true);
    expect(wantsType(['charge.*'], 'payment_intent.created')).toBe(false);
    expect(wantsType(['payment_intent.succeeded'], 'payment_intent.succeeded')).toBe(true);
    expect(wantsType(['payment_intent.succeeded'], 'payment_intent.created')).toBe(false);
  });
});
