import { findNulCharacter } from './nul-characters.middleware.js';

const request = (over: { path?: string; query?: unknown; body?: unknown }) => ({ path: '/v1/customers', query: {}, body: undefined, ...over });

describe('findNulCharacter', () => {
  it('finds one in the path, percent-encoded as it arrives', () => {
    expect(findNulCharacter(request({ path: '/v1/customers/cus_%00x' }))).toEqual({});
  });

  it('names the parameter of the query or body that holds one, in bracket notation', () => {
    expect(findNulCharacter(request({ query: { customer: 'cus_\u0000' } }))).toEqual({ param: 'customer' });
    expect(findNulCharacter(request({ body: { metadata: { order: 'a\u0000b' } } }))).toEqual({ param: 'metadata[order]' });
    expect(findNulCharacter(request({ body: { expand: ['customer', 'x\u0000'] } }))).toEqual({ param: 'expand[1]' });
    expect(findNulCharacter(request({ body: { 'na\u0000me': 'x' } }))).toEqual({ param: 'na\\u0000me' });
  });

  it('passes everything else, including other control characters and a raw body', () => {
    expect(findNulCharacter(request({ query: { limit: '3' }, body: { description: 'tab\there, line\nbreak', amount: 100, nested: { ok: true } } }))).toBeNull();
    expect(findNulCharacter(request({ body: Buffer.from([0x00]) }))).toBeNull();
  });
});
