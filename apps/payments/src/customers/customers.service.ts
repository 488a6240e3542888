import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Topics,
  type Caller,
  type CreateCustomerParams,
  type CustomerResource,
  type DeletedCustomerResource,
  type ListCustomersParams,
  type ListResource,
  type UpdateCustomerParams,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { checkPageParams } from '../payment-methods/page-params.js';
import { toPaymentMethodResource } from '../payment-methods/payment-method.mapper.js';
import { PaymentMethodsRepository } from '../payment-methods/payment-methods.repository.js';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service.js';
import { shownId } from '../payment-methods/shown-id.js';
import { isTestToken } from '../payment-methods/test-tokens.js';
import { CustomerEntity } from './customer.entity.js';
import { toCustomerResource, toDeletedCustomerResource } from './customer.mapper.js';
import { assertMetadata, mergedMetadata, textFields } from './customer-params.js';
import { CustomersRepository, type CustomerFields } from './customers.repository.js';

@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly paymentMethods: PaymentMethodsRepository,
    private readonly paymentMethodsService: PaymentMethodsService,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async create(caller: Caller, params: CreateCustomerParams): Promise<CustomerResource> {
    const fields = textFields(params);
    if (params.metadata !== undefined) assertMetadata(params.metadata);
    const requestedDefault = params.invoice_settings?.default_payment_method || undefined;
    // A test token becomes a new payment method, tokenised before the transaction opens.
    const fresh = params.payment_method && isTestToken(params.payment_method)
      ? await this.paymentMethodsService.fromTestToken(caller, params.payment_method)
      : undefined;
    const now = new Date();
    const customer = Object.assign(new CustomerEntity(), {
      id: newId('cus'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      email: fields.email ?? null,
      name: fields.name ?? null,
      phone: fields.phone ?? null,
      description: fields.description ?? null,
      metadata: params.metadata ?? {},
      defaultPaymentMethod: null as string | null,
      invoicePrefix: randomBytes(4).toString('hex').toUpperCase(),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies CustomerEntity);

    return this.outbox.run(async (unit) => {
      await this.customers.insert(unit.manager, customer);
      let attached: string | undefined;
      if (params.payment_method) {
        if (fresh) await this.paymentMethods.insert(unit.manager, fresh);
        attached = (await this.paymentMethodsService.attachLocked(caller, unit, fresh?.id ?? params.payment_method, customer.id)).id;
      }
      if (requestedDefault) {
        const chosen = requestedDefault === params.payment_method ? attached : requestedDefault;
        if (chosen !== attached) throw notAttachedTo(requestedDefault);
        customer.defaultPaymentMethod = chosen ?? null;
        await this.customers.apply(unit.manager, customer.id, { kind: 'update', fields: { defaultPaymentMethod: customer.defaultPaymentMethod } });
      }
      const resource = toCustomerResource(customer);
      await unit.publish(Topics.PaymentsEvents, newEvent('customer.created', caller, customer.id, resource));
      return resource;
    });
  }

  async retrieve(caller: Caller, id: string): Promise<CustomerResource | DeletedCustomerResource> {
    const customer = await this.customers.findOwned(caller, id, { includeDeleted: true });
    if (!customer) throw notFound(id);
    return customer.deletedAt ? toDeletedCustomerResource(customer.id) : toCustomerResource(customer);
  }

  async update(caller: Caller, params: UpdateCustomerParams): Promise<CustomerResource> {
    const fields = textFields(params);
    return this.outbox.run(async (unit) => {
      const current = await this.customers.findOwned(caller, params.id, { manager: unit.manager, lock: true });
      if (!current) throw notFound(params.id);
      const changes: CustomerFields = { ...fields };
      if (params.metadata !== undefined) changes.metadata = mergedMetadata(current.metadata, params.metadata);
      const requestedDefault = params.invoice_settings?.default_payment_method;
      if (requestedDefault !== undefined) changes.defaultPaymentMethod = await this.defaultFor(caller, unit, current, requestedDefault);

      const before = toCustomerResource(current);
      const after = toCustomerResource(Object.assign(new CustomerEntity(), current, changes));
      const previous = changedAttributes(before, after);
      if (Object.keys(previous).length === 0) return before;
      if (!(await this.customers.apply(unit.manager, current.id, { kind: 'update', fields: changes }))) throw notFound(params.id);
      await unit.publish(Topics.PaymentsEvents, newEvent('customer.updated', caller, current.id, after, previous));
      return after;
    });
  }

  /** Deletes the customer and detaches its payment methods, as Stripe does. */
  async delete(caller: Caller, id: string): Promise<DeletedCustomerResource> {
    return this.outbox.run(async ({ manager, publish }) => {
      const current = await this.customers.findOwned(caller, id, { manager, lock: true });
      if (!current) throw notFound(id);
      const detached = await this.paymentMethods.detachAll(manager, caller, current.id);
      if (!(await this.customers.apply(manager, current.id, { kind: 'delete' }))) throw notFound(id);
      for (const paymentMethod of detached) {
        const resource = toPaymentMethodResource(Object.assign(paymentMethod, { customerId: null }));
        await publish(Topics.PaymentsEvents, newEvent('payment_method.detached', caller, paymentMethod.id, resource, { customer: current.id }));
      }
      await publish(Topics.PaymentsEvents, newEvent('customer.deleted', caller, current.id, toCustomerResource(current)));
      return toDeletedCustomerResource(current.id);
    });
  }

  async list(caller: Caller, params: ListCustomersParams): Promise<ListResource<CustomerResource>> {
    checkPageParams(params);
    const page = await this.customers.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('customer', shownId(page.cursorMissing), params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toCustomerResource), has_more: page.hasMore, url: '/v1/customers' };
  }

  /** A default payment method must be one attached to this customer; `''` unsets it. */
  private async defaultFor(caller: Caller, { manager }: UnitOfWork, customer: CustomerEntity, requested: string): Promise<string | null> {
    if (requested === '') return null;
    const paymentMethod = typeof requested === 'string' ? await this.paymentMethods.findOwned(caller, requested, manager, true) : null;
    if (!paymentMethod || paymentMethod.customerId !== customer.id) throw notAttachedTo(requested);
    return paymentMethod.id;
  }
}

/** Stripe's `previous_attributes`: the old value of each top-level attribute that changed. */
function changedAttributes(before: CustomerResource, after: CustomerResource): Partial<CustomerResource> {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CustomerResource)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
  }
  return previous as Partial<CustomerResource>;
}

function notFound(id: string): PayrailError {
  return PayrailError.notFound('customer', shownId(id), 'customer');
}

function notAttachedTo(paymentMethod: string): PayrailError {
  return new PayrailError(
    'parameter_invalid',
    `The customer does not have a payment method with the ID ${shownId(paymentMethod)}. The payment method must be attached to the customer.`,
    { param: 'invoice_settings[default_payment_method]' },
  );
}
