import type { Caller, EventEnvelope } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { requestContext } from '../context/request-context.js';

/** An event about `object`, stamped with the request that caused it. */
export function newEvent<TType extends string, TObject>(
  type: TType,
  caller: Caller,
  aggregateId: string,
  object: TObject,
  previousAttributes?: Partial<TObject>,
): EventEnvelope<TType, TObject> {
  const context = requestContext.current();
  return {
    id: newId('evt'),
    type,
    aggregateId,
    merchantId: caller.merchantId,
    livemode: caller.livemode,
    occurredAt: Math.floor(Date.now() / 1000),
    requestId: context?.requestId || null,
    idempotencyKey: context?.idempotencyKey ?? null,
    data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
  };
}
