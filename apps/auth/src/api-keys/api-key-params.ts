import type { CreateApiKeyParams, RollApiKeyParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

export const MAX_API_KEY_NAME_LENGTH = 200;
/** As Stripe's dashboard offers: a rolled key may keep working for up to seven days. */
export const MAX_ROLL_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

export interface NormalizedCreateApiKey {
  type: CreateApiKeyParams['type'];
  livemode: boolean;
  name: string | null;
}

/** The edge validates too; this is what the auth service holds to whoever sends the command. */
export function normalizeCreateApiKey(params: Partial<CreateApiKeyParams> | undefined): NormalizedCreateApiKey {
  const type = params?.type;
  if (type === undefined) throw new PayrailError('parameter_missing', 'Missing required param: type.', { param: 'type' });
  if (type !== 'secret' && type !== 'publishable') {
    throw new PayrailError('parameter_invalid', "Invalid type: must be one of 'secret' or 'publishable'.", { param: 'type' });
  }
  const livemode = params?.livemode ?? false;
  const name = params?.name;
  const trimmed = name?.trim() ?? '';
  if (trimmed.length > MAX_API_KEY_NAME_LENGTH) {
    throw new PayrailError('parameter_invalid', `An API key name is at most ${MAX_API_KEY_NAME_LENGTH} characters.`, { param: 'name' });
  }
  return { type, livemode, name: trimmed || null };
}

/** Seconds the old key keeps working after a roll: 0 (at once) unless the caller asks for more. */
export function rollOverlapSeconds(params: Pick<RollApiKeyParams, 'expires_in_seconds'> | undefined): number {
  const seconds = params?.expires_in_seconds ?? 0;
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_ROLL_OVERLAP_SECONDS) {
    throw new PayrailError(
      'parameter_invalid',
      `expires_in_seconds must be a whole number of seconds from 0 to ${MAX_ROLL_OVERLAP_SECONDS} (seven days).`,
      { param: 'expires_in_seconds' },
    );
  }
  return seconds;
}
