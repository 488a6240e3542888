import type { ApiKeyType, PaymentIntentResource, PaymentMethodResource } from '@payrail/contracts';

/** The card as the shopper may see it: enough to show "Visa •••• 4242, 12/30", nothing that identifies its owner. */
export type ClientSidePaymentMethod = Pick<PaymentMethodResource, 'id' | 'object' | 'type' | 'allow_redisplay' | 'created' | 'livemode'> & {
  card?: Omit<NonNullable<PaymentMethodResource['card']>, 'fingerprint'>;
  /** An M-Pesa number shows its last digits only client-side. */
  mpesa?: { phone_number_last4: string };
};

export type ClientSidePaymentIntent = Omit<PaymentIntentResource, 'customer' | 'metadata' | 'payment_method' | 'reconciliation'> & {
  payment_method: string | ClientSidePaymentMethod | null;
};

/**
 * What a publishable key (client-side code holding the client secret, which can leak through a URL or a
 * page) sees of a PaymentIntent, after Stripe's publishable-key subset: the payment's own state, but not
 * who the merchant's customer is, the merchant's metadata, nor Payrail's reconciliation with the gateway
 * (its last error is for the merchant). An expanded payment method is built from an allow-list, so that a field added later stays server-side until someone decides otherwise: it keeps the
 * card's brand, last4, expiry, funding, country and checks, and leaves out the customer, the fingerprint
 * (which matches one card across payments) and the billing details. A secret key sees everything.
 */
export function viewFor(keyType: ApiKeyType, intent: PaymentIntentResource): PaymentIntentResource | ClientSidePaymentIntent {
  if (keyType !== 'publishable') return intent;
  const { customer: _customer, metadata: _metadata, payment_method: paymentMethod, reconciliation: _reconciliation, ...shown } = intent;
  return { ...shown, payment_method: clientSidePaymentMethod(paymentMethod as string | PaymentMethodResource | null) };
}

function clientSidePaymentMethod(paymentMethod: string | PaymentMethodResource | null): string | ClientSidePaymentMethod | null {
  if (paymentMethod === null || typeof paymentMethod === 'string') return paymentMethod;
  const { card } = paymentMethod;
  const shown: ClientSidePaymentMethod = {
    id: paymentMethod.id,
    object: paymentMethod.object,
    type: paymentMethod.type,
    allow_redisplay: paymentMethod.allow_redisplay,
    created: paymentMethod.created,
    livemode: paymentMethod.livemode,
    ...(paymentMethod.mpesa ? { mpesa: { phone_number_last4: paymentMethod.mpesa.phone_number.slice(-4) } } : {}),
  };
  if (!card) return shown;
  return {
    ...shown,
    card: {
      brand: card.brand,
      checks: card.checks,
      country: card.country,
      display_brand: card.display_brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      funding: card.funding,
      generated_from: card.generated_from,
      last4: card.last4,
      networks: card.networks,
      regulated_status: card.regulated_status,
      three_d_secure_usage: card.three_d_secure_usage,
      wallet: card.wallet,
    },
  };
}
