import qs from 'qs';
import { findMalformedParameter } from './malformed-parameters.middleware.js';
import { FORM_PARSE_OPTIONS, MAX_PARAMETER_DEPTH } from './parameter-limits.js';

const request = (over: { path?: string; query?: unknown; body?: unknown }) => ({ path: '/v1/customers', query: {}, body: undefined, ...over });

/** `{"metadata": [[[…"x"…]]]}` with the string `levels` parts deep in its name, `metadata` being the first. */
function nestedJson(levels: number): unknown {
  let value: unknown = 'x';
  for (let level = 1; level < levels; level++) value = [value];
  return { metadata: value };
}

describe('findMalformedParameter', () => {
  describe('NUL characters', () => {
    it('finds one in the path, percent-encoded as it arrives', () => {
      expect(findMalformedParameter(request({ path: '/v1/customers/cus_%00x' }))).toEqual({ defect: 'nul_character' });
    });

    it('names the parameter of the query or body that holds one, in bracket notation', () => {
      expect(findMalformedParameter(request({ query: { customer: 'cus_\u0000' } }))).toEqual({ defect: 'nul_character', param: 'customer' });
      expect(findMalformedParameter(request({ body: { metadata: { order: 'a\u0000b' } } }))).toEqual({ defect: 'nul_character', param: 'metadata[order]' });
      expect(findMalformedParameter(request({ body: { expand: ['customer', 'x\u0000'] } }))).toEqual({ defect: 'nul_character', param: 'expand[1]' });
      expect(findMalformedParameter(request({ body: { 'na\u0000me': 'x' } }))).toEqual({ defect: 'nul_character', param: 'na\\u0000me' });
    });
  });

  describe('lone UTF-16 surrogates', () => {
    it('names the parameter whose value holds a high or a low surrogate without its pair', () => {
      expect(findMalformedParameter(request({ body: { description: 'caf\ud800' } }))).toEqual({ defect: 'lone_surrogate', param: 'description' });
      expect(findMalformedParameter(request({ body: { metadata: { order: '\udc00x' } } }))).toEqual({ defect: 'lone_surrogate', param: 'metadata[order]' });
      expect(findMalformedParameter(request({ query: { email: 'a\ud83d@b.c' } }))).toEqual({ defect: 'lone_surrogate', param: 'email' });
    });

    it('names a key holding one, escaped so that the error stays valid text', () => {
      expect(findMalformedParameter(request({ body: { metadata: { 'k\ud800': 'v' } } }))).toEqual({ defect: 'lone_surrogate', param: 'metadata[k\\ud800]' });
    });

    it('passes surrogate pairs: emoji and other characters beyond the BMP are text like any other', () => {
      expect(findMalformedParameter(request({ body: { description: 'Thanks 🎉 𝄞', metadata: { '🎁': '🎄' } } }))).toBeNull();
    });
  });

  describe('depth', () => {
    it(`passes a parameter whose name has ${MAX_PARAMETER_DEPTH} parts, and refuses one more, naming the top-level parameter`, () => {
      expect(findMalformedParameter(request({ body: nestedJson(MAX_PARAMETER_DEPTH) }))).toBeNull();
      expect(findMalformedParameter(request({ body: nestedJson(MAX_PARAMETER_DEPTH + 1) }))).toEqual({ defect: 'too_deep', param: 'metadata' });
    });

    it('refuses a JSON body nested 60,000 levels deep without exhausting the stack', () => {
      const body = JSON.parse(`{"metadata":${'['.repeat(60_000)}${']'.repeat(60_000)}}`) as unknown;
      expect(findMalformedParameter(request({ body }))).toEqual({ defect: 'too_deep', param: 'metadata' });
    });

    it('holds form bodies and query strings to the same depth, as qs parses them', () => {
      const name = (parts: number) => `metadata${'[a]'.repeat(parts - 1)}`;
      expect(findMalformedParameter(request({ body: qs.parse(`${name(MAX_PARAMETER_DEPTH)}=x`, FORM_PARSE_OPTIONS) }))).toBeNull();
      expect(findMalformedParameter(request({ body: qs.parse(`${name(MAX_PARAMETER_DEPTH + 1)}=x`, FORM_PARSE_OPTIONS) }))).toEqual({ defect: 'too_deep', param: 'metadata' });
      expect(findMalformedParameter(request({ query: qs.parse(`${name(60_000)}=x`, FORM_PARSE_OPTIONS) }))).toEqual({ defect: 'too_deep', param: 'metadata' });
    });
  });

  it('reports the first defect in the order the parameters were sent, the query before the body', () => {
    expect(findMalformedParameter(request({ body: { a: 'ok', b: 'x\ud800', c: 'y\u0000' } }))).toEqual({ defect: 'lone_surrogate', param: 'b' });
    expect(findMalformedParameter(request({ query: { q: '\u0000' }, body: { b: '\ud800' } }))).toEqual({ defect: 'nul_character', param: 'q' });
  });

  it('passes everything else, including other control characters, wide bodies and a raw body', () => {
    expect(findMalformedParameter(request({ query: { limit: '3' }, body: { description: 'tab\there, line\nbreak', amount: 100, nested: { ok: true } } }))).toBeNull();
    expect(findMalformedParameter(request({ body: { payment_method_types: Array.from({ length: 60_000 }, () => 'card') } }))).toBeNull();
    expect(findMalformedParameter(request({ body: Buffer.from([0x00]) }))).toBeNull();
  });
});
