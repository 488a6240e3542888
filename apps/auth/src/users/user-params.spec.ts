import { PayrailError } from '@payrail/errors';
import { normalizeCreateUser, normalizeRole } from './user-params.js';

function refusal(work: () => unknown): { code: string; param: string | undefined; message: string } {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PayrailError);
    const { code, param, message } = error as PayrailError;
    return { code, param, message };
  }
  throw new Error('expected a refusal');
}

describe('normalizeCreateUser', () => {
  it('lower-cases and trims the username, as login does', () => {
    const user = normalizeCreateUser({ username: '  Ada.Lovelace+Ops@Example.COM ', role: 'viewer', password: 'correct horse battery' });
    expect(user).toEqual({ username: 'ada.lovelace+ops@example.com', role: 'viewer', password: 'correct horse battery', generated: false });
  });

  it('generates a long random password when none is given, and says so', () => {
    const first = normalizeCreateUser({ username: 'dev-1', role: 'developer' });
    const second = normalizeCreateUser({ username: 'dev-1', role: 'developer' });
    expect(first.generated).toBe(true);
    expect(first.password).toMatch(/^[0-9A-Za-z]{25}$/);
    expect(second.password).not.toBe(first.password);
  });

  it.each([
    ['ab', 'too short'],
    ['a'.repeat(65), 'too long'],
    ['ada lovelace', 'a space'],
    ['ada/lovelace', 'a slash'],
    ['adá', 'a letter outside a-z'],
    ['', 'empty'],
  ])('refuses the username %p (%s)', (username) => {
    expect(refusal(() => normalizeCreateUser({ username, role: 'viewer' }))).toMatchObject({ code: 'parameter_invalid', param: 'username' });
  });

  it('takes usernames of 3 and of 64 characters', () => {
    expect(normalizeCreateUser({ username: 'abc', role: 'owner' }).username).toBe('abc');
    expect(normalizeCreateUser({ username: 'A'.repeat(64), role: 'owner' }).username).toBe('a'.repeat(64));
  });

  it.each([
    [{ role: 'viewer' }, 'parameter_missing', 'username'],
    [{ username: 42, role: 'viewer' }, 'parameter_invalid', 'username'],
    [{ username: 'someone' }, 'parameter_missing', 'role'],
    [{ username: 'someone', role: 'admin' }, 'parameter_invalid', 'role'],
    [{ username: 'someone', role: 'viewer', password: 'eleven-char' }, 'parameter_invalid', 'password'],
    [{ username: 'someone', role: 'viewer', password: 'x'.repeat(201) }, 'parameter_invalid', 'password'],
    [{ username: 'someone', role: 'viewer', password: 123456789012 }, 'parameter_invalid', 'password'],
  ])('refuses %j', (params, code, param) => {
    expect(refusal(() => normalizeCreateUser(params as never))).toMatchObject({ code, param });
  });

  it('counts a password in characters, not UTF-16 units', () => {
    expect(normalizeCreateUser({ username: 'emoji', role: 'viewer', password: '🔑'.repeat(12) }).password).toBe('🔑'.repeat(12));
    expect(refusal(() => normalizeCreateUser({ username: 'emoji', role: 'viewer', password: '🔑'.repeat(6) }))).toMatchObject({ param: 'password' });
  });

  it('never echoes a refused password', () => {
    expect(refusal(() => normalizeCreateUser({ username: 'someone', role: 'viewer', password: 'hunter2-abc' })).message).not.toContain('hunter2');
  });
});

describe('normalizeRole', () => {
  it('takes the three roles and nothing else', () => {
    for (const role of ['owner', 'developer', 'viewer']) expect(normalizeRole(role)).toBe(role);
    for (const role of ['Owner', 'admin', '', null, 1]) expect(refusal(() => normalizeRole(role))).toMatchObject({ code: 'parameter_invalid', param: 'role' });
    expect(refusal(() => normalizeRole(undefined))).toMatchObject({ code: 'parameter_missing', param: 'role' });
  });
});
