import { setTimeout as sleep } from 'node:timers/promises';
import { PayrailError } from '@payrail/errors';

/** Pauses before the second and third tries. */
const RETRY_DELAYS_MS = [250, 1_000];
/** Per try: three of them answer within the time an HTTP client waits. */
export const BUS_TRY_TIMEOUT_MS = 8_000;

/**
 * Sends again when the bus lost the request or its reply (a timeout, a transport error), never when the
 * service answered with a domain error. Only for requests that are safe to repeat: a check, or a create
 * whose id the caller chose (the service answers a repeat with what the first one made).
 */
export async function retryingBusFailures<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const transient = error instanceof PayrailError ? error.code === 'upstream_timeout' : true;
      if (!transient || attempt >= RETRY_DELAYS_MS.length) throw error;
      await sleep(RETRY_DELAYS_MS[attempt]);
    }
  }
}
