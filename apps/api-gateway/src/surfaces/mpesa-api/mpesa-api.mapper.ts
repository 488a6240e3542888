import type { ChargeResource, PaymentIntentResource, PaymentMethodResource } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';
import type { MpesaHistoryEntry, MpesaReceiptResource, MpesaSavedMethod, MpesaVerificationResource } from './mpesa-api.resources.js';

export type MpesaApiStatus = 'pending' | 'completed' | 'failed' | 'cancelled';

/** The document's transaction status for a PaymentIntent: a declined attempt leaves it awaiting a method, which is a failure here. */
export function mpesaApiStatus(intent: PaymentIntentResource): MpesaApiStatus {
  if (intent.status === 'succeeded') return 'completed';
  if (intent.status === 'canceled') return 'cancelled';
  if (intent.status === 'requires_payment_method' && intent.last_payment_error) return 'failed';
  return 'pending';
}

const MESSAGES: Record<MpesaApiStatus, string> = {
  completed: 'Payment successful',
  pending: 'Payment pending',
  failed: 'Payment failed',
  cancelled: 'Payment cancelled',
};

export function verification(intent: PaymentIntentResource): MpesaVerificationResource {
  const status = mpesaApiStatus(intent);
  const message = status === 'failed' ? (intent.last_payment_error?.message ?? MESSAGES.failed) : MESSAGES[status];
  return { status, message };
}

/** Minor units as the document's decimal shillings (1000.00 for 100000). */
export function shillings(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

export function historyEntry(intent: PaymentIntentResource): MpesaHistoryEntry {
  return {
    id: intent.id,
    amount: shillings(intent.amount, intent.currency),
    status: mpesaApiStatus(intent),
    payment_method: 'mpesa',
    created_at: new Date(intent.created * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** "KES 1,000.00". */
export function formattedAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const value = (minor / 10 ** exponent).toLocaleString('en-US', { minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  return `${currency.toUpperCase()} ${value}`;
}

const RECEIPT_STATUS: Record<MpesaApiStatus, MpesaReceiptResource['status']> = { pending: 'Pending', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' };

/** The document's receipt: its date as `YYYY-MM-DD HH:MM:SS` (UTC), the phone masked but for its last four digits. */
export function receipt(intent: PaymentIntentResource, charge: ChargeResource | null): MpesaReceiptResource {
  const details = charge?.payment_method_details?.type === 'mpesa' ? charge.payment_method_details.mpesa : null;
  const status = mpesaApiStatus(intent);
  const orderId = intent.metadata['order_id'];
  return {
    receipt_number: charge?.receipt_number ?? null,
    date: new Date((charge?.created ?? intent.created) * 1000).toISOString().slice(0, 19).replace('T', ' '),
    amount: formattedAmount(intent.amount, intent.currency),
    payment_method: 'M-Pesa',
    status: RECEIPT_STATUS[status],
    // Payrail keeps no customer name for an M-Pesa payment (Daraja's callback carries none): the document's field stays, empty.
    customer_name: null,
    customer_phone: details?.phone_number_last4 ? `254*****${details.phone_number_last4}` : null,
    order_reference: orderId ? `Order #${orderId}` : null,
  };
}

/** A saved M-Pesa number; the default is the customer's `invoice_settings.default_payment_method`. */
export function savedMethod(method: PaymentMethodResource, defaultMethod: string | null): MpesaSavedMethod {
  return { id: method.id, type: 'mpesa', details: { phone_number: method.mpesa?.phone_number ?? null }, is_default: method.id === defaultMethod };
}
