export const PAYMENT_INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const;

export type PaymentIntentStatus = (typeof PAYMENT_INTENT_STATUSES)[number];

/** The statuses a confirmation may start from. */
export const CONFIRMABLE_STATUSES = ['requires_payment_method', 'requires_confirmation'] as const satisfies readonly PaymentIntentStatus[];

/** Every legal move of a payment intent; anything else is `payment_intent_unexpected_state`. */
const TRANSITIONS: Readonly<Record<PaymentIntentStatus, readonly PaymentIntentStatus[]>> = {
  requires_payment_method: ['requires_confirmation', 'processing', 'canceled'],
  requires_confirmation: ['requires_payment_method', 'processing', 'canceled'],
  requires_action: ['processing', 'requires_payment_method', 'canceled'],
  processing: ['requires_action', 'requires_capture', 'succeeded', 'requires_payment_method'],
  requires_capture: ['succeeded', 'canceled'],
  succeeded: [],
  canceled: [],
};

export function canTransition(from: PaymentIntentStatus, to: PaymentIntentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: PaymentIntentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
