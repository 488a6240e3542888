import { randomInt } from 'node:crypto';
import { PayrailError } from '@payrail/errors';
import { generateSecret } from '@payrail/signing';
import { isEmail } from 'class-validator';
import type { BootstrapMerchantInput } from './merchant-credentials.js';

const MAX_NAME_LENGTH = 200;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;
const GENERATED_PASSWORD_BYTES = 18;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface NormalizedBootstrapInput {
  name: string;
  email: string | null;
  username: string;
  password: string;
}

/** Checks what an operator asked for and fills in what they left out. */
export function normalizeBootstrapInput(input: BootstrapMerchantInput): NormalizedBootstrapInput {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) throw new PayrailError('parameter_missing', 'Missing required param: name.', { param: 'name' });
  if (name.length > MAX_NAME_LENGTH) {
    throw new PayrailError('parameter_invalid', `The merchant name must be at most ${MAX_NAME_LENGTH} characters.`, { param: 'name' });
  }
  const email = input.email?.trim() || null;
  if (email !== null && !isEmail(email)) throw new PayrailError('parameter_invalid', 'Invalid email address.', { param: 'email' });

  const username = input.username === undefined ? defaultUsername(name) : input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new PayrailError(
      'parameter_invalid',
      'A username is 3 to 64 characters: letters, digits, dots, dashes and underscores, starting with a letter or digit.',
      { param: 'username' },
    );
  }
  const password = input.password ?? generateSecret('', GENERATED_PASSWORD_BYTES);
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new PayrailError(
      'parameter_invalid',
      `A password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      { param: 'password' },
    );
  }
  return { name, email, username, password };
}

/** `acme-corp-k3x9q2`: readable, and a random suffix so that two merchants of one name do not collide. */
function defaultUsername(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = Array.from({ length: 6 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join('');
  return `${slug || 'merchant'}-${suffix}`;
}
