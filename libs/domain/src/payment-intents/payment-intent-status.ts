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

/** The statuses a confirmation may start from (Stripe lets a `requires_action` intent be confirmed again). */
export const CONFIRMABLE_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const satisfies readonly PaymentIntentStatus[];

/** Where Stripe allows `POST /v1/payment_intents/:id/cancel`. */
export const CANCELABLE_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
] as const satisfies readonly PaymentIntentStatus[];

/** Where amount, currency, payment method and customer may still change: nothing has been authorised. */
export const UPDATABLE_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const satisfies readonly PaymentIntentStatus[];

/**
 * Every legal move of a payment intent; anything else is `payment_intent_unexpected_state`.
 * `processing` is also the claim a capture or a void holds while the gateway is asked, so it may
 * fall back to `requires_capture` (the gateway refused) and end in `canceled` (voided).
 */
const TRANSITIONS: Readonly<Record<PaymentIntentStatus, readonly PaymentIntentStatus[]>> = {
  requires_payment_method: ['requires_confirmation', 'processing', 'canceled'],
  requires_confirmation: ['requires_payment_method', 'processing', 'canceled'],
  requires_action: ['processing', 'requires_payment_method', 'requires_confirmation', 'canceled'],
  processing: ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture', 'succeeded', 'canceled'],
  requires_capture: ['processing', 'canceled'],
  succeeded: [],
  canceled: [],
};

export function canTransition(from: PaymentIntentStatus, to: PaymentIntentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: PaymentIntentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/**
 * The named moves the payments service makes, each with the statuses it may start from. The
 * repository guards its conditional UPDATEs with these `from` lists, and a spec checks each move
 * against `canTransition`, so the database guard and the state machine cannot drift apart.
 */
export const PAYMENT_INTENT_MOVES = {
  /** Claim for a confirmation: the gateway is asked next. */
  beginConfirmation: { from: CONFIRMABLE_STATUSES, to: 'processing' },
  /** The gateway refused before any money moved: back to where the confirmation started. */
  abandonConfirmation: { from: ['processing'], to: ['requires_payment_method', 'requires_confirmation', 'requires_action'] },
  /** The gateway never took the attempt a crash cut short (it says so, and now refuses it): confirm again. */
  loseAttempt: { from: ['processing'], to: ['requires_confirmation', 'requires_payment_method'] },
  requireAction: { from: ['processing'], to: 'requires_action' },
  /** Authorised with manual capture. */
  authorize: { from: ['processing'], to: 'requires_capture' },
  /** Authorised and captured, or a manual capture completed. */
  succeed: { from: ['processing'], to: 'succeeded' },
  decline: { from: ['processing'], to: 'requires_payment_method' },
  /** The customer finished (or failed) 3D Secure on the redirect page. */
  beginAuthentication: { from: ['requires_action'], to: 'processing' },
  abandonAuthentication: { from: ['processing'], to: 'requires_action' },
  beginCapture: { from: ['requires_capture'], to: 'processing' },
  abandonCapture: { from: ['processing'], to: 'requires_capture' },
  /** Cancel where nothing is authorised, so nothing needs releasing at the gateway. */
  cancel: { from: ['requires_payment_method', 'requires_confirmation', 'requires_action'], to: 'canceled' },
  /** Cancel of an authorisation: claim, void at the gateway, then `finishVoid`. */
  beginVoid: { from: ['requires_capture'], to: 'processing' },
  finishVoid: { from: ['processing'], to: 'canceled' },
  abandonVoid: { from: ['processing'], to: 'requires_capture' },
  /** A new payment method (or amount, during 3D Secure) means a new confirmation; `requires_confirmation` stays. */
  requireConfirmation: { from: ['requires_payment_method', 'requires_action'], to: 'requires_confirmation' },
} as const satisfies Record<string, { from: readonly PaymentIntentStatus[]; to: PaymentIntentStatus | readonly PaymentIntentStatus[] }>;

export type PaymentIntentMove = keyof typeof PAYMENT_INTENT_MOVES;

export function isCancelable(status: PaymentIntentStatus): boolean {
  return (CANCELABLE_STATUSES as readonly string[]).includes(status);
}

export function isUpdatable(status: PaymentIntentStatus): boolean {
  return (UPDATABLE_STATUSES as readonly string[]).includes(status);
}
