import type { Caller, PaymentIntentResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import type { ChargesRepository } from '../charges/charges.repository.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import type { CustomersRepository } from '../customers/customers.repository.js';
import type { PaymentIntentsRepository } from '../payment-intents/payment-intents.repository.js';
import type { PaymentLinks } from '../payment-intents/payment-links.js';
import { PaymentMethodEntity } from '../payment-methods/payment-method.entity.js';
import type { PaymentMethodsRepository } from '../payment-methods/payment-methods.repository.js';
import { parseExpand } from './expand-paths.js';
import { ResourceExpander } from './resource-expander.js';

const merchant: Caller = { merchantId: 'acct_a', livemode: false };
const createdAt = new Date('2026-01-01T00:00:00Z');

function customer(id: string, fields: Partial<CustomerEntity> = {}): CustomerEntity {
  return Object.assign(new CustomerEntity(), {
    id, merchantId: 'acct_a', livemode: false, email: `${id}@example.com`, name: null, phone: null, description: null,
    metadata: {}, invoicePrefix: 'ABC', defaultPaymentMethod: null, deletedAt: null, createdAt, updatedAt: createdAt, ...fields,
  });
}

function paymentMethod(id: string, customerId: string | null): PaymentMethodEntity {
  return Object.assign(new PaymentMethodEntity(), {
    id, merchantId: 'acct_a', livemode: false, type: 'card', customerId, cardBrand: 'visa', cardLast4: '4242', cardExpMonth: 1, cardExpYear: 2030,
    cardFunding: 'credit', cardCountry: 'US', cardFingerprint: 'fp', cardChecks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
    connector: 'sandbox', connectorToken: 'tok', billingDetails: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
    metadata: {}, createdAt, updatedAt: createdAt,
  });
}

/** Repositories over fixed rows that, like the real ones, only find a row of the caller's merchant and mode. */
function expanderOver(customers: CustomerEntity[], paymentMethods: PaymentMethodEntity[]) {
  const lookups: string[] = [];
  const owned = <T extends { id: string; merchantId: string; livemode: boolean }>(rows: T[], caller: Caller, id: string) =>
    rows.find((row) => row.id === id && row.merchantId === caller.merchantId && row.livemode === caller.livemode) ?? null;
  const customersRepository = {
    findOwned: async (caller: Caller, id: string, options: { includeDeleted?: boolean } = {}) => {
      lookups.push(id);
      const found = owned(customers, caller, id);
      return found && (found.deletedAt === null || options.includeDeleted) ? found : null;
    },
  };
  const paymentMethodsRepository = { findOwned: async (caller: Caller, id: string) => (lookups.push(id), owned(paymentMethods, caller, id)) };
  const none = { findOwned: async () => null };
  const expander = new ResourceExpander(
    none as unknown as PaymentIntentsRepository,
    none as unknown as ChargesRepository,
    customersRepository as unknown as CustomersRepository,
    paymentMethodsRepository as unknown as PaymentMethodsRepository,
    {} as PaymentLinks,
    {} as MessageClient,
  );
  return { expander, lookups };
}

const intent = (fields: Partial<PaymentIntentResource>) => ({ id: 'pi_1', object: 'payment_intent', customer: null, payment_method: null, latest_charge: null, ...fields }) as PaymentIntentResource;

describe('resource expander', () => {
  it('replaces ids by the objects they name, nested, and leaves null fields null', async () => {
    const { expander } = expanderOver([customer('cus_1', { defaultPaymentMethod: 'pm_1' })], [paymentMethod('pm_1', 'cus_1')]);
    const tree = parseExpand('payment_intent', ['customer.invoice_settings.default_payment_method.customer', 'latest_charge']);
    const original = intent({ customer: 'cus_1' });
    const expanded = await expander.expand(merchant, tree, original);
    expect(expanded.customer).toMatchObject({ object: 'customer', id: 'cus_1', invoice_settings: { default_payment_method: { object: 'payment_method', id: 'pm_1', customer: { object: 'customer', id: 'cus_1' } } } });
    expect(expanded.latest_charge).toBeNull();
    expect(original.customer).toBe('cus_1');
  });

  it('expands only within the caller\'s merchant and mode: anyone else\'s id stays an id', async () => {
    const { expander } = expanderOver([customer('cus_1')], []);
    const tree = parseExpand('payment_intent', ['customer']);
    expect((await expander.expand({ merchantId: 'acct_b', livemode: false }, tree, intent({ customer: 'cus_1' }))).customer).toBe('cus_1');
    expect((await expander.expand({ merchantId: 'acct_a', livemode: true }, tree, intent({ customer: 'cus_1' }))).customer).toBe('cus_1');
  });

  it('shows a deleted customer as Stripe does, and looks each object up once per list', async () => {
    const { expander, lookups } = expanderOver([customer('cus_1'), customer('cus_gone', { deletedAt: createdAt })], []);
    const list = { object: 'list' as const, url: '/v1/payment_intents', has_more: false, data: [intent({ id: 'pi_1', customer: 'cus_1' }), intent({ id: 'pi_2', customer: 'cus_1' }), intent({ id: 'pi_3', customer: 'cus_gone' })] };
    const expanded = await expander.expandList(merchant, parseExpand('payment_intent', ['data.customer'], { list: true }), list);
    expect(expanded.data.map((item) => item.customer)).toEqual([
      expect.objectContaining({ id: 'cus_1', object: 'customer' }),
      expect.objectContaining({ id: 'cus_1', object: 'customer' }),
      { id: 'cus_gone', object: 'customer', deleted: true },
    ]);
    expect(lookups.filter((id) => id === 'cus_1')).toHaveLength(1);
  });

  it('checks expand before running the command, and runs it without expand', async () => {
    const { expander } = expanderOver([customer('cus_1')], []);
    const calls: object[] = [];
    const run = async (params: object) => (calls.push(params), intent({ customer: 'cus_1', ...params }));
    expect((await expander.around(merchant, 'payment_intent', { id: 'pi_1', expand: ['customer'] }, run)).customer).toMatchObject({ id: 'cus_1' });
    expect(calls).toEqual([{ id: 'pi_1' }]);

    const refused = await expander.around(merchant, 'payment_intent', { id: 'pi_1', expand: ['nope'] }, run).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PayrailError);
    expect(refused).toMatchObject({ code: 'parameter_invalid', param: 'expand[0]' });
    expect(calls).toHaveLength(1);
  });
});
