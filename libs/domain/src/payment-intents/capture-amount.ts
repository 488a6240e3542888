/** How a capture splits what was authorised: what is taken, and what is released back to the card. */
export interface CaptureSplit {
  captured: bigint;
  released: bigint;
}

export type CaptureAmountProblem = 'not_positive' | 'exceeds_capturable';

/**
 * Stripe's `amount_to_capture`: defaults to everything capturable; a smaller amount is a partial
 * capture whose remainder is released (no later capture can take it).
 */
export function splitCapture(amountCapturable: bigint, amountToCapture?: bigint): CaptureSplit | CaptureAmountProblem {
  const captured = amountToCapture ?? amountCapturable;
  if (captured < 1n) return 'not_positive';
  if (captured > amountCapturable) return 'exceeds_capturable';
  return { captured, released: amountCapturable - captured };
}
