import type { ListParams, Metadata } from '../resources/list.js';
import type { ExpandParams } from './expand.commands.js';

/** `default_payment_method: ''` unsets it, as in Stripe. */
export interface InvoiceSettingsInput {
  default_payment_method?: string;
}

export interface CreateCustomerParams extends ExpandParams {
  email?: string;
  name?: string;
  phone?: string;
  description?: string;
  metadata?: Metadata;
  /** A payment method to attach to the new customer. */
  payment_method?: string;
  invoice_settings?: InvoiceSettingsInput;
}

/** An empty string unsets a field; metadata merges key by key (`''` removes a key, `metadata: ''` clears it). */
export interface UpdateCustomerParams extends ExpandParams {
  id: string;
  email?: string;
  name?: string;
  phone?: string;
  description?: string;
  metadata?: Metadata | '';
  invoice_settings?: InvoiceSettingsInput;
}

/** Stripe's range filter on a timestamp (unix seconds). */
export interface TimestampRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface ListCustomersParams extends ListParams, ExpandParams {
  email?: string;
  created?: number | TimestampRange;
}
