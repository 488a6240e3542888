import type { CheckoutSessionResource, CheckoutTransactionResource, CheckoutTransactionStatus } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';

/** A session just created or retrieved, before payments reported refunds and disputes: `pending`, `success` or `failed`. */
export function sessionStatus(session: CheckoutSessionResource): CheckoutTransactionStatus {
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

export function transactionView(transaction: CheckoutTransactionResource) {
  const { session } = transaction;
  return {
    transaction_id: session.id,
    order_id: session.client_reference_id,
    amount: majorAmount(session.amount_total, session.currency),
    currency: session.currency.toUpperCase(),
    status: transaction.status,
    refunded_amount: majorAmount(transaction.amount_refunded, session.currency),
    payment_method: session.payment_method_types[0] ?? null,
    payment_url: session.url,
    created_at: documentTime(session.created),
  };
}
