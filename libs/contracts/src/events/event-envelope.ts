/**
 * What travels on a topic: one domain event, keyed by its aggregate so one object's events stay ordered.
 * `id` is unique per event and is what consumers' inboxes record.
 */
export interface EventEnvelope<TType extends string, TObject> {
  id: string;
  type: TType;
  aggregateId: string;
  merchantId: string;
  livemode: boolean;
  /** Unix seconds. */
  occurredAt: number;
  requestId: string | null;
  idempotencyKey: string | null;
  data: { object: TObject; previous_attributes?: Partial<TObject> };
}
