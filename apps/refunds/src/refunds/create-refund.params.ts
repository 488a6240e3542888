import type { ChargeForRefundParams, CreateRefundParams, RefundResource } from '@payrail/contracts';
import { validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';

export interface CheckedCreateRefund {
  target: ChargeForRefundParams;
  amount: number | undefined;
  reason: RefundResource['reason'];
  metadata: Record<string, string>;
}

/** Refuses a malformed refund before anything is asked of payments. */
export function checkCreateRefund(params: CreateRefundParams): CheckedCreateRefund {
  const { payment_intent: paymentIntent, charge } = params;
  if (paymentIntent === undefined && charge === undefined) {
    throw new PayrailError('parameter_missing', 'One of the following parameters is required: charge, payment_intent.', { param: 'charge' });
  }
  if (paymentIntent !== undefined && charge !== undefined) {
    throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: charge, payment_intent.', { param: 'payment_intent' });
  }
  const [param, id] = charge !== undefined ? (['charge', charge] as const) : (['payment_intent', paymentIntent!] as const);
  if (id.length === 0) throw new PayrailError('parameter_invalid', `Invalid ${param}.`, { param });

  if (params.amount !== undefined && (!Number.isSafeInteger(params.amount) || params.amount < 1)) {
    throw new PayrailError('parameter_invalid', 'Invalid positive integer', { param: 'amount' });
  }
  const metadata = params.metadata ?? {};
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });

  return { target: { [param]: id }, amount: params.amount, reason: params.reason ?? null, metadata };
}
