import type { CheckoutSessionResource } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';

/** The document's statuses: a session is `pending` until paid, `failed` once it expired unpaid. */
export function transactionStatus(session: CheckoutSessionResource): 'pending' | 'success' | 'failed' {
  if (session.status === 'complete') return 'success';
  return session.status === 'expired' ? 'failed' : 'pending';
}

/**
 * An amount in minor units as the document writes it, a JSON number in major units (150000 paise → 1500).
 * Dividing an integer by a power of ten gives the double nearest the decimal, which prints as it.
 */
export function majorAmount(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/** `2026-06-18 20:00:00`, UTC. */
function documentTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

export function transactionView(session: CheckoutSessionResource) {
  return {
    transaction_id: session.id,
    order_id: session.client_reference_id,
    amount: majorAmount(session.amount_total, session.currency),
    currency: session.currency.toUpperCase(),
    status: transactionStatus(session),
    payment_method: session.payment_method_types[0] ?? null,
    payment_url: session.url,
    created_at: documentTime(session.created),
  };
}
