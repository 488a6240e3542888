import { Injectable, Logger } from '@nestjs/common';
import {
  Patterns,
  Topics,
  type Caller,
  type ChargeForRefundResult,
  type ConnectorsEvent,
  type DisputeResource,
  type GatewayCallbackOutcome,
  type GatewayCallbackReceived,
  type ListDisputesParams,
  type ListResource,
  type UpdateDisputeParams,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { Inbox, MessageClient, newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { DisputeEntity } from './dispute.entity.js';
import { toDisputeResource } from './dispute.mapper.js';
import { acceptsEvidence, checkEvidence, closedStatus, isClosed, submittedStatus } from './dispute-rules.js';
import { DisputesRepository, type DisputeChange } from './disputes.repository.js';

const GATEWAY_CALLBACKS_CONSUMER = 'refunds.gateway-callbacks';

/**
 * A dispute can be reported before payments has recorded the charge it disputes (the sandbox disputes
 * at once; a gateway's callback can overtake the authorisation's answer). Until then the event is
 * refused and redelivered; past this age, a charge still missing is not coming, and the event is dropped.
 */
const CHARGE_WAIT_SECONDS = 15 * 60;

type DisputeOutcome = Extract<GatewayCallbackOutcome, { kind: 'dispute' }>;

@Injectable()
export class DisputesService {
  private readonly logger = new Logger(DisputesService.name);

  constructor(
    private readonly disputes: DisputesRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly inbox: Inbox,
    private readonly client: MessageClient,
  ) {}

  async retrieve(caller: Caller, id: string): Promise<DisputeResource> {
    return toDisputeResource(await this.owned(caller, id));
  }

  async list(caller: Caller, params: ListDisputesParams): Promise<ListResource<DisputeResource>> {
    const page = await this.disputes.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('dispute', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toDisputeResource), has_more: page.hasMore, url: '/v1/disputes' };
  }

  /** Evidence merges into what was given (an empty string clears a field) and is submitted unless `submit` is false. */
  async update(caller: Caller, params: UpdateDisputeParams): Promise<DisputeResource> {
    const evidence = params.evidence ? checkEvidence(params.evidence) : undefined;
    return this.outbox.run(async (unit) => {
      const dispute = await this.owned(caller, params.id, unit);
      const metadata = mergeMetadata(dispute.metadata, params.metadata);
      let change: DisputeChange;
      if (evidence === undefined && params.submit === undefined) {
        change = { kind: 'metadata', metadata };
      } else {
        if (!acceptsEvidence(dispute.status)) {
          throw new PayrailError('dispute_unexpected_state', `This dispute (${dispute.id}) is ${dispute.status} and no longer takes evidence.`, { param: 'evidence' });
        }
        const merged = mergeEvidence(dispute.evidence, evidence);
        change = { kind: 'evidence', evidence: merged, metadata, submitTo: params.submit === false ? null : submittedStatus(dispute.status) };
      }
      return this.change(caller, unit, dispute, change, 'charge.dispute.updated');
    });
  }

  /** Accepting the dispute: the merchant will not contest it. Closing a dispute closed already changes nothing. */
  async close(caller: Caller, id: string): Promise<DisputeResource> {
    return this.outbox.run(async (unit) => {
      const dispute = await this.owned(caller, id, unit);
      if (isClosed(dispute.status) && dispute.status !== 'won') return toDisputeResource(dispute);
      if (!acceptsEvidence(dispute.status)) {
        throw new PayrailError('dispute_unexpected_state', `This dispute (${dispute.id}) is ${dispute.status} and cannot be closed.`, { param: 'id' });
      }
      return this.change(caller, unit, dispute, { kind: 'closed', status: closedStatus(dispute.status) }, 'charge.dispute.closed');
    });
  }

  /** A gateway's dispute report: the dispute opened, or its status or amount changed at the bank. */
  async onConnectorsEvent(event: ConnectorsEvent): Promise<void> {
    if (event.type !== 'gateway.callback.received' || event.data.object.outcome.kind !== 'dispute') return;
    const callback = event.data.object;
    const outcome = callback.outcome as DisputeOutcome;
    const caller = { merchantId: event.merchantId, livemode: event.livemode };
    const charge = await this.chargeOf(caller, event.occurredAt, callback);
    if (!charge) return;
    await this.inbox.handleOnce(GATEWAY_CALLBACKS_CONSUMER, event.id, async (unit) => {
      const known = await this.disputes.findByGatewayDispute(unit.manager, caller, callback.gateway, outcome.gatewayDisputeId);
      if (known) {
        if (known.status === outcome.status && Number(known.amount) === outcome.amount) return;
        const type = isClosed(outcome.status) ? 'charge.dispute.closed' : 'charge.dispute.updated';
        await this.change(caller, unit, known, { kind: 'reported', status: outcome.status, amount: outcome.amount }, type);
        return;
      }
      await this.open(caller, unit, charge, callback.gateway, outcome);
    });
  }

  private async open(caller: Caller, { manager, publish }: UnitOfWork, charge: ChargeForRefundResult, gateway: string, outcome: DisputeOutcome): Promise<void> {
    const now = new Date();
    const dispute = Object.assign(new DisputeEntity(), {
      id: newId('dp'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      chargeId: charge.chargeId,
      paymentIntentId: charge.paymentIntentId,
      gateway,
      gatewayDisputeId: outcome.gatewayDisputeId,
      amount: String(outcome.amount > 0 ? outcome.amount : charge.amountCaptured),
      currency: outcome.currency || charge.currency,
      reason: outcome.reason,
      status: outcome.status,
      evidence: {},
      submissionCount: 0,
      metadata: {},
      createdAt: now,
      updatedAt: now,
    } satisfies DisputeEntity);
    if (!(await this.disputes.insertIfAbsent(manager, dispute))) return;
    const resource = toDisputeResource(dispute);
    await publish(Topics.RefundsEvents, newEvent('charge.dispute.created', caller, dispute.id, resource));
    if (isClosed(dispute.status)) await publish(Topics.RefundsEvents, newEvent('charge.dispute.closed', caller, dispute.id, resource));
  }

  /** The disputed charge, from payments; null when it will never be found (the event is then dropped). */
  private async chargeOf(caller: Caller, occurredAt: number, callback: GatewayCallbackReceived): Promise<ChargeForRefundResult | null> {
    try {
      return await this.client.send(Patterns.ChargeForRefund, { caller, params: { payment_intent: callback.paymentIntentId } });
    } catch (error) {
      const young = Date.now() / 1000 - occurredAt < CHARGE_WAIT_SECONDS;
      if (young || !(error instanceof PayrailError)) throw error;
      this.logger.warn(`Dispute callback ${callback.callbackId} dropped: ${callback.paymentIntentId} has no captured charge (${error.code})`);
      return null;
    }
  }

  private async change(
    caller: Caller,
    { manager, publish }: UnitOfWork,
    dispute: DisputeEntity,
    change: DisputeChange,
    type: 'charge.dispute.updated' | 'charge.dispute.closed',
  ): Promise<DisputeResource> {
    if (!(await this.disputes.apply(manager, dispute, change))) {
      throw new PayrailError('dispute_unexpected_state', `This dispute (${dispute.id}) changed meanwhile; retry the request.`, { param: 'id' });
    }
    const after = toDisputeResource((await this.disputes.findOwned(caller, dispute.id, manager))!);
    const previous: Partial<DisputeResource> = {};
    if (after.status !== dispute.status) previous.status = dispute.status;
    if (after.amount !== Number(dispute.amount)) previous.amount = Number(dispute.amount);
    await publish(Topics.RefundsEvents, newEvent(type, caller, dispute.id, after, previous));
    return after;
  }

  private async owned(caller: Caller, id: string, unit?: UnitOfWork): Promise<DisputeEntity> {
    const dispute = await this.disputes.findOwned(caller, id, unit?.manager);
    if (!dispute) throw PayrailError.notFound('dispute', id, 'id');
    return dispute;
  }
}

function mergeEvidence(before: DisputeEntity['evidence'], given: DisputeEntity['evidence'] | undefined): DisputeEntity['evidence'] {
  const merged: Record<string, string> = { ...before };
  for (const [field, value] of Object.entries(given ?? {})) {
    if (value === '') delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/** Stripe's metadata update: keys merge, an empty value removes its key. */
function mergeMetadata(before: Record<string, string>, given: Record<string, string> | undefined): Record<string, string> {
  const merged = { ...before };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
