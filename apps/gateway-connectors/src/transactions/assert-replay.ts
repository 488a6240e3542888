import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { GatewayTransactionEntity } from './gateway-transaction.entity.js';

/**
 * A stored transaction may answer a repeated request only if it is the same request: same merchant
 * and mode, same amount and currency. Anything else is a caller bug, refused rather than replayed.
 */
export function assertReplayOf(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): void {
  const sameOwner = existing.merchantId === caller.merchantId && existing.livemode === caller.livemode;
  if (!sameOwner || Number(existing.amount) !== request.amount || existing.currency !== request.currency) {
    throw new PayrailError(
      'idempotency_error',
      'Keys for idempotent requests can only be used with the same parameters they were first used with.',
    );
  }
}
