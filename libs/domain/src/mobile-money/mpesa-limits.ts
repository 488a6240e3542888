/** M-Pesa's per-transaction limits for customer payments, in whole shillings (Safaricom's tariff). */
export const MPESA_MIN_SHILLINGS = 1;
export const MPESA_MAX_SHILLINGS = 250_000;
