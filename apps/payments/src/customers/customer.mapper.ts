import type { CustomerResource, DeletedCustomerResource } from '@payrail/contracts';
import type { CustomerEntity } from './customer.entity.js';

export function toCustomerResource(entity: CustomerEntity): CustomerResource {
  return {
    id: entity.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    currency: null,
    default_source: null,
    delinquent: false,
    description: entity.description,
    discount: null,
    email: entity.email,
    invoice_prefix: entity.invoicePrefix,
    invoice_settings: { custom_fields: null, default_payment_method: entity.defaultPaymentMethod, footer: null, rendering_options: null },
    livemode: entity.livemode,
    metadata: entity.metadata,
    name: entity.name,
    next_invoice_sequence: 1,
    phone: entity.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function toDeletedCustomerResource(id: string): DeletedCustomerResource {
  return { id, object: 'customer', deleted: true };
}
