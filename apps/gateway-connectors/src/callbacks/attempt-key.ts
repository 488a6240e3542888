import type { GatewayCallbackReceived } from '@payrail/contracts';

export interface PaymentAttempt {
  paymentIntentId: string;
  attempt: GatewayCallbackReceived['attempt'];
}

const ATTEMPT_KEY = /^(authorization|authentication):(pi_[0-9A-Za-z]+):(\d{1,9})$/;

/** The payment attempt an authorisation's idempotency key (`authorization:pi_…:N`) names; null for any other key. */
export function attemptOfKey(idempotencyKey: string): PaymentAttempt | null {
  const match = ATTEMPT_KEY.exec(idempotencyKey);
  if (!match) return null;
  return { paymentIntentId: match[2]!, attempt: { step: match[1] as 'authorization' | 'authentication', number: Number(match[3]) } };
}
