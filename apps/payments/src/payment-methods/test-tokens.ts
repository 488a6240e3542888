/** Stripe's test tokens (`pm_card_visa`): each use makes a new PaymentMethod, as in Stripe's test mode. */
export function isTestToken(id: string): boolean {
  return /^pm_card_[A-Za-z0-9_]+$/.test(id);
}

/** A `pm_…` that can only name a PaymentMethod Payrail stores, as opposed to a test token or a raw test number. */
export function isStoredPaymentMethodId(id: string): boolean {
  return id.startsWith('pm_') && !isTestToken(id);
}
