import type { PaymentMethodCard, PaymentMethodResource } from '@payrail/contracts';
import type { PaymentMethodEntity } from './payment-method.entity.js';

/** Stripe's `display_brand` names where they differ from `brand`. */
const DISPLAY_BRANDS: Record<string, string> = { amex: 'american_express', diners: 'diners_club', unionpay: 'union_pay' };

export function toPaymentMethodResource(entity: PaymentMethodEntity): PaymentMethodResource {
  return {
    id: entity.id,
    object: 'payment_method',
    type: entity.type,
    allow_redisplay: 'unspecified',
    billing_details: entity.billingDetails,
    ...(entity.type === 'mpesa' ? { mpesa: { phone_number: entity.mpesaPhoneNumber! } } : { card: cardOf(entity) }),
    created: Math.floor(entity.createdAt.getTime() / 1000),
    customer: entity.customerId,
    livemode: entity.livemode,
    metadata: entity.metadata,
  };
}

/** A card row has every card column (a database check says so). */
function cardOf(entity: PaymentMethodEntity): PaymentMethodCard {
  const brand = entity.cardBrand!;
  return {
    brand,
    checks: entity.cardChecks!,
    country: entity.cardCountry,
    display_brand: DISPLAY_BRANDS[brand] ?? brand,
    exp_month: entity.cardExpMonth!,
    exp_year: entity.cardExpYear!,
    fingerprint: entity.cardFingerprint!,
    funding: entity.cardFunding!,
    generated_from: null,
    last4: entity.cardLast4!,
    networks: { available: [brand], preferred: null },
    regulated_status: null,
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}
