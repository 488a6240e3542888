import type { CreateUserParams, UserRole } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { generateSecret } from '@payrail/signing';
import { USER_ROLES } from '../merchants/user.entity.js';

/** Lower-cased first, as login and the bootstrap do: `Ada@Example.com` and `ada@example.com` are one user. */
const USERNAME = /^[a-z0-9._@+-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
/** 144 random bits: 25 base62 characters. */
const GENERATED_PASSWORD_BYTES = 18;

export interface NormalizedCreateUser {
  username: string;
  role: UserRole;
  password: string;
  /** True when the platform made the password up: it is then shown once, in the answer that creates the user. */
  generated: boolean;
}

/** The edge validates too; this is what the auth service holds to whoever sends the command. */
export function normalizeCreateUser(params: Partial<CreateUserParams> | undefined): NormalizedCreateUser {
  const username = normalizeUsername(params?.username);
  const role = normalizeRole(params?.role);
  const given = params?.password;
  if (given === undefined) return { username, role, password: generateSecret('', GENERATED_PASSWORD_BYTES), generated: true };
  return { username, role, password: acceptablePassword(given, 'password', '; leave it out to have one generated'), generated: false };
}

export function normalizeRole(role: unknown): UserRole {
  if (role === undefined) throw new PayrailError('parameter_missing', 'Missing required param: role.', { param: 'role' });
  if (!USER_ROLES.includes(role as UserRole)) {
    throw new PayrailError('parameter_invalid', "Invalid role: must be one of 'owner', 'developer' or 'viewer'.", { param: 'role' });
  }
  return role as UserRole;
}

function normalizeUsername(username: unknown): string {
  if (username === undefined) throw new PayrailError('parameter_missing', 'Missing required param: username.', { param: 'username' });
  const normalized = typeof username === 'string' ? username.trim().toLowerCase() : '';
  if (!USERNAME.test(normalized)) {
    throw new PayrailError(
      'parameter_invalid',
      'A username is 3 to 64 characters: letters, digits and . _ @ + - (letters are stored lower-case).',
      { param: 'username' },
    );
  }
  return normalized;
}

/** A password a user may have: 12 to 200 characters, counted as typed (not in UTF-16 units). */
export function acceptablePassword(value: unknown, param: string, hint = ''): string {
  if (typeof value !== 'string') throw new PayrailError('parameter_invalid', `Invalid string: ${param}.`, { param });
  const length = [...value].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new PayrailError('parameter_invalid', `A password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters${hint}.`, { param });
  }
  return value;
}
