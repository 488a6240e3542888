import { Injectable } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type AttachPaymentMethodParams,
  type Caller,
  type CardTokenSource,
  type CreatePaymentMethodParams,
  type DetachPaymentMethodParams,
  type ListPaymentMethodsParams,
  type ListResource,
  type Metadata,
  type PaymentMethodCard,
  type PaymentMethodResource,
  type RetrievePaymentMethodParams,
} from '@payrail/contracts';
import { newId, normalizeMpesaPhone, validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { MessageClient, newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { CustomersRepository } from '../customers/customers.repository.js';
import { toBillingDetails } from './billing-details.js';
import { validateCard } from './card-validation.js';
import { checkPageParams } from './page-params.js';
import { PaymentMethodEntity } from './payment-method.entity.js';
import { toPaymentMethodResource } from './payment-method.mapper.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { shownId } from './shown-id.js';
import { isTestToken } from './test-tokens.js';

const NO_CHECKS: PaymentMethodCard['checks'] = { address_line1_check: null, address_postal_code_check: null, cvc_check: null };

/**
 * Cards are tokenised by gateway-connectors and stored as what may be shown plus the connector's
 * token. A customer's lock is always taken before its payment methods', so attach, detach, setting a
 * default and deleting a customer cannot deadlock or interleave.
 */
@Injectable()
export class PaymentMethodsService {
  constructor(
    private readonly paymentMethods: PaymentMethodsRepository,
    private readonly customers: CustomersRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
  ) {}

  async create(caller: Caller, params: CreatePaymentMethodParams): Promise<PaymentMethodResource> {
    if (params.type === 'mpesa') return this.createMpesa(caller, params);
    if (params.type !== 'card') {
      throw new PayrailError('parameter_invalid', 'Invalid type: only card and mpesa payment methods can be created.', { param: 'type' });
    }
    if (!params.card) throw new PayrailError('parameter_missing', 'Missing required param: card.', { param: 'card' });
    if (caller.livemode) {
      throw new PayrailError('parameter_invalid', 'Raw card numbers are accepted in test mode only. In live mode, create the PaymentMethod from a gateway token.', {
        param: 'card[number]',
      });
    }
    const card = validateCard(params.card);
    assertMetadata(params.metadata);
    const billingDetails = toBillingDetails(params.billing_details);
    const checks: PaymentMethodCard['checks'] = {
      address_line1_check: billingDetails.address.line1 ? 'unchecked' : null,
      address_postal_code_check: billingDetails.address.postal_code ? 'unchecked' : null,
      cvc_check: card.cvcProvided ? 'unchecked' : null,
    };
    const source: CardTokenSource = { type: 'card_number', number: card.number, exp_month: card.expMonth, exp_year: card.expYear };
    const entity = await this.tokenized(caller, source, { checks, billingDetails, metadata: params.metadata ?? {} });
    await this.outbox.run(({ manager }) => this.paymentMethods.insert(manager, entity));
    return toPaymentMethodResource(entity);
  }

  /** The customer's M-Pesa number, normalised: it is what the STK push goes to. Live mode too: it is no secret. */
  private async createMpesa(caller: Caller, params: CreatePaymentMethodParams): Promise<PaymentMethodResource> {
    if (params.card !== undefined) throw new PayrailError('parameter_unknown', 'Received unknown parameter: card (an mpesa PaymentMethod has none).', { param: 'card' });
    if (!params.mpesa) throw new PayrailError('parameter_missing', 'Missing required param: mpesa[phone_number].', { param: 'mpesa[phone_number]' });
    const phone = normalizeMpesaPhone(params.mpesa.phone_number);
    if (!phone) {
      throw new PayrailError('parameter_invalid', 'Invalid mpesa[phone_number]: give a Kenyan mobile number as 254XXXXXXXXX (07…, 01… and +254… are accepted too).', {
        param: 'mpesa[phone_number]',
      });
    }
    assertMetadata(params.metadata);
    const now = new Date();
    const entity = Object.assign(new PaymentMethodEntity(), {
      id: newId('pm'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      type: 'mpesa',
      customerId: null,
      cardBrand: null,
      cardLast4: null,
      cardExpMonth: null,
      cardExpYear: null,
      cardFunding: null,
      cardCountry: null,
      cardFingerprint: null,
      cardChecks: null,
      mpesaPhoneNumber: phone,
      connector: 'mpesa',
      connectorToken: phone,
      billingDetails: toBillingDetails(params.billing_details),
      metadata: params.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    } satisfies PaymentMethodEntity);
    await this.outbox.run(({ manager }) => this.paymentMethods.insert(manager, entity));
    return toPaymentMethodResource(entity);
  }

  async retrieve(caller: Caller, params: RetrievePaymentMethodParams): Promise<PaymentMethodResource> {
    if (params.customer !== undefined) {
      await this.liveCustomer(caller, params.customer);
      const found = await this.paymentMethods.findOwned(caller, params.id);
      if (!found || found.customerId !== params.customer) throw notFound(params.id);
      return toPaymentMethodResource(found);
    }
    if (isTestToken(params.id)) {
      const entity = await this.fromTestToken(caller, params.id);
      await this.outbox.run(({ manager }) => this.paymentMethods.insert(manager, entity));
      return toPaymentMethodResource(entity);
    }
    return toPaymentMethodResource(await this.owned(caller, params.id));
  }

  async list(caller: Caller, params: ListPaymentMethodsParams): Promise<ListResource<PaymentMethodResource>> {
    checkPageParams(params);
    const url = params.customer !== undefined ? `/v1/customers/${params.customer}/payment_methods` : '/v1/payment_methods';
    if (params.customer !== undefined) await this.liveCustomer(caller, params.customer);
    const page = await this.paymentMethods.list(caller, { customerId: params.customer, type: params.type }, params);
    if (page.cursorMissing) throw notFound(page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toPaymentMethodResource), has_more: page.hasMore, url };
  }

  async attach(caller: Caller, params: AttachPaymentMethodParams): Promise<PaymentMethodResource> {
    if (!params.customer) {
      throw new PayrailError('parameter_missing', 'Missing required param: customer.', { param: 'customer' });
    }
    // A test token becomes a new payment method, tokenised before the transaction opens.
    const fresh = isTestToken(params.id) ? await this.fromTestToken(caller, params.id) : undefined;
    return this.outbox.run(async (unit) => {
      const customer = await this.customers.findOwned(caller, params.customer, { manager: unit.manager, lock: true });
      if (!customer) throw PayrailError.notFound('customer', shownId(params.customer), 'customer');
      if (fresh) await this.paymentMethods.insert(unit.manager, fresh);
      return toPaymentMethodResource(await this.attachLocked(caller, unit, fresh?.id ?? params.id, customer.id));
    });
  }

  /**
   * Attaches a payment method to a customer whose row the caller's transaction has locked. Attaching
   * it again to the same customer changes nothing; to another customer, it is refused.
   */
  async attachLocked(caller: Caller, { manager, publish }: UnitOfWork, id: string, customerId: string): Promise<PaymentMethodEntity> {
    const paymentMethod = await this.paymentMethods.findOwned(caller, id, manager, true);
    if (!paymentMethod) throw notFound(id);
    if (paymentMethod.customerId === customerId) return paymentMethod;
    if (paymentMethod.customerId !== null || !(await this.paymentMethods.apply(manager, id, { kind: 'attach', customerId }))) {
      throw new PayrailError('parameter_invalid', 'The payment method you provided has already been attached to a customer.', { param: 'payment_method' });
    }
    const attached = Object.assign(new PaymentMethodEntity(), paymentMethod, { customerId });
    await publish(Topics.PaymentsEvents, newEvent('payment_method.attached', caller, id, toPaymentMethodResource(attached)));
    return attached;
  }

  async detach(caller: Caller, params: DetachPaymentMethodParams): Promise<PaymentMethodResource> {
    const current = await this.owned(caller, params.id);
    if (!current.customerId) throw notAttached();
    const customerId = current.customerId;
    return this.outbox.run(async ({ manager, publish }) => {
      await this.customers.findOwned(caller, customerId, { manager, lock: true, includeDeleted: true });
      if (!(await this.paymentMethods.apply(manager, current.id, { kind: 'detach', customerId }))) throw notAttached();
      await this.customers.apply(manager, customerId, { kind: 'default_payment_method_detached', paymentMethodId: current.id });
      const detached = toPaymentMethodResource((await this.paymentMethods.findOwned(caller, current.id, manager))!);
      await publish(Topics.PaymentsEvents, newEvent('payment_method.detached', caller, current.id, detached, { customer: customerId }));
      return detached;
    });
  }

  /** A new, unsaved payment method for one of Stripe's test tokens. */
  fromTestToken(caller: Caller, token: string): Promise<PaymentMethodEntity> {
    return this.tokenized(caller, { type: 'test_token', token }, { checks: NO_CHECKS, billingDetails: toBillingDetails(undefined), metadata: {} });
  }

  private async tokenized(
    caller: Caller,
    source: CardTokenSource,
    details: Pick<PaymentMethodEntity, 'billingDetails' | 'metadata'> & { checks: PaymentMethodCard['checks'] },
  ): Promise<PaymentMethodEntity> {
    const { connector, token, card } = await this.client.send(Patterns.ConnectorCardTokenize, { caller, params: { source } });
    const now = new Date();
    return Object.assign(new PaymentMethodEntity(), {
      id: newId('pm'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      type: 'card',
      customerId: null,
      cardBrand: card.brand,
      cardLast4: card.last4,
      cardExpMonth: card.exp_month,
      cardExpYear: card.exp_year,
      cardFunding: card.funding,
      cardCountry: card.country,
      cardFingerprint: card.fingerprint,
      cardChecks: details.checks,
      mpesaPhoneNumber: null,
      connector,
      connectorToken: token,
      billingDetails: details.billingDetails,
      metadata: details.metadata,
      createdAt: now,
      updatedAt: now,
    } satisfies PaymentMethodEntity);
  }

  private async owned(caller: Caller, id: string): Promise<PaymentMethodEntity> {
    const found = await this.paymentMethods.findOwned(caller, id);
    if (!found) throw notFound(id);
    return found;
  }

  private async liveCustomer(caller: Caller, id: string): Promise<void> {
    if (!(await this.customers.findOwned(caller, id))) throw PayrailError.notFound('customer', shownId(id), 'customer');
  }
}

function notFound(id: string, param = 'payment_method'): PayrailError {
  return PayrailError.notFound('PaymentMethod', shownId(id), param);
}

function notAttached(): PayrailError {
  return new PayrailError('parameter_invalid', 'The payment method you provided is not attached to a customer so detachment is impossible.', {
    param: 'payment_method',
  });
}

function assertMetadata(metadata: Metadata | undefined): void {
  if (metadata === undefined) return;
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}
