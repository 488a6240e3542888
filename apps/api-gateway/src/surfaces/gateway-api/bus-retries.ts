import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { newErrorId, PayrailError } from '@payrail/errors';

/** Pauses before the second and third tries. */
const RETRY_DELAYS_MS = [250, 1_000];
/** Per try: three of them answer within the time an HTTP client waits. */
export const BUS_TRY_TIMEOUT_MS = 8_000;
/** What the 503 suggests to the client's Retry-After: the bus has had the three tries' time to recover. */
const RETRY_AFTER_SECONDS = 2;

const logger = new Logger('GatewayApiBusRetries');

/**
 * Sends again when the bus lost the request or its reply (a timeout, a transport error), never when the
 * service answered with a domain error. Only for requests that are safe to repeat: a check, or a create
 * whose id the caller chose (the service answers a repeat with what the first one made). After the third
 * try the failure is a 503 `service_unavailable` the client may retry, never an unexplained 500: what was
 * sent may or may not have been done, and the retry finds out.
 */
export async function retryingBusFailures<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isBusFailure(error)) throw error;
      if (attempt >= RETRY_DELAYS_MS.length) {
        const unavailable = busUnavailable();
        logger.warn(`The bus failed ${attempt + 1} tries in a row (error id ${unavailable.options.details?.['error_id']}): ${error instanceof Error ? error.message : String(error)}`);
        throw unavailable;
      }
      await sleep(RETRY_DELAYS_MS[attempt]);
    }
  }
}

function isBusFailure(error: unknown): boolean {
  return error instanceof PayrailError ? error.code === 'upstream_timeout' : true;
}

/** Like every 5xx, with an error id to quote, logged beside the cause. */
function busUnavailable(errorId: string = newErrorId()): PayrailError {
  return new PayrailError(
    'service_unavailable',
    `The payment service is temporarily unavailable. Retry the same request: a retry with the same order_id and details answers the payment if it was created, and creates it if not. Quote error id ${errorId} when asking for help.`,
    { details: { error_id: errorId, retry_after: RETRY_AFTER_SECONDS } },
  );
}
