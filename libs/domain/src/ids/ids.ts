import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Object prefixes, Stripe's where Stripe has the object. */
export const ID_PREFIXES = [
  'pi', 'pm', 'ch', 're', 'cus', 'cs', 'evt', 'we', 'wd', 'wda', 'acct', 'tr', 'txn', 'dp',
  'mch', 'usr', 'key', 'cli', 'hk', 'gtx', 'req', 'err', 'rt', 'jti', 'jwk',
  'ses', 'rtk', 'ga', 'gcb',
  'rr', 'gta',
  'je', 'la', 'acc', 'li', 'price', 'prod', 'gtp',
] as const;

export type IdPrefix = (typeof ID_PREFIXES)[number];

const RANDOM_PART_LENGTH = 24; // 24 base62 characters ≈ 143 bits: unguessable, not merely unique.

/**
 * The balance transaction that books a charge: its id follows from the charge's, so that the charge can
 * name it before the ledger (which books it from the charge's event, moments later) has written it.
 */
export function balanceTransactionIdOf(chargeId: string): string {
  return `txn_${chargeId.slice(chargeId.indexOf('_') + 1)}`;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(RANDOM_PART_LENGTH)}`;
}

/** Uniform over the alphabet (crypto.randomInt rejects out-of-range draws, so there is no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(62)];
  return out;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return new RegExp(`^${prefix}_[0-9A-Za-z]{${RANDOM_PART_LENGTH}}$`).test(id);
}
