import { PayrailError } from '@payrail/errors';
import { normalizeBootstrapInput } from './bootstrap-input.js';

function codeOf(work: () => unknown): { code: string; param?: string } {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PayrailError);
    return error as PayrailError & { param?: string };
  }
  throw new Error('expected a PayrailError');
}

describe('normalizeBootstrapInput', () => {
  it('generates a readable, unique-ish username and a random password when none are given', () => {
    const first = normalizeBootstrapInput({ name: '  Acme Corp!  ' });
    const second = normalizeBootstrapInput({ name: 'Acme Corp!' });
    expect(first.name).toBe('Acme Corp!');
    expect(first.username).toMatch(/^acme-corp-[a-z0-9]{6}$/);
    expect(first.username).not.toBe(second.username);
    expect(first.password.length).toBeGreaterThanOrEqual(16);
    expect(first.password).not.toBe(second.password);
    expect(first.email).toBeNull();
  });

  it('falls back to "merchant" for a name with no usable characters', () => {
    expect(normalizeBootstrapInput({ name: '株式会社' }).username).toMatch(/^merchant-[a-z0-9]{6}$/);
  });

  it('keeps a given username (lower-cased) and password', () => {
    const input = normalizeBootstrapInput({ name: 'Acme', username: 'Acme.Owner', password: 'correct horse battery', email: 'a@acme.test' });
    expect(input).toEqual({ name: 'Acme', username: 'acme.owner', password: 'correct horse battery', email: 'a@acme.test' });
  });

  it.each([
    [{ name: '   ' }, 'parameter_missing', 'name'],
    [{ name: 'x'.repeat(201) }, 'parameter_invalid', 'name'],
    [{ name: 'Acme', username: 'a b' }, 'parameter_invalid', 'username'],
    [{ name: 'Acme', username: 'ab' }, 'parameter_invalid', 'username'],
    [{ name: 'Acme', password: 'short' }, 'parameter_invalid', 'password'],
    [{ name: 'Acme', email: 'not-an-email' }, 'parameter_invalid', 'email'],
  ])('refuses %j', (input, code, param) => {
    const error = codeOf(() => normalizeBootstrapInput(input));
    expect(error.code).toBe(code);
    expect(error.param).toBe(param);
  });
});
