import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';

/**
 * The steady stream of work a fault lands in: card payments created and confirmed through the official
 * SDK, each under its own Idempotency-Key, and a partial refund of every third one under a key of its own.
 * A request that gets no answer (connection refused or cut, a timeout, 409 while its key is held, a 5xx)
 * is left for the retry phase; the lane carries on with new work, as a busy integrator's client does.
 */
export interface PlannedRequest {
  kind: 'payment' | 'refund';
  key: string;
  amount: number;
  /** A refund's PaymentIntent. */
  paymentIntent?: string;
  /** The object id of the answer, once there is one. */
  answeredId?: string;
  /** A definite refusal (a 4xx other than 409/429): an answer, but not the one expected. */
  refusal?: string;
  tries: number;
  /** Why the latest try got no answer. */
  lastFailure?: string;
}

export interface Workload {
  requests: PlannedRequest[];
  /** Requests sent again after a fault left them unanswered. */
  retries: number;
}

const CLIENT_TIMEOUT_MS = 10_000;
const REFUND_AMOUNT = 300;

export function sdkFor(baseUrl: string, secretKey: string): Stripe {
  const url = new URL(baseUrl);
  return new Stripe(secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0, timeout: CLIENT_TIMEOUT_MS });
}

type Outcome = { answered: true; id: string } | { answered: true; refusal: string } | { answered: false; reason: string };

/** Sends one planned request once; the SDK's errors are sorted into answers and no-answers. */
async function sendOnce(stripe: Stripe, request: PlannedRequest): Promise<Outcome> {
  request.tries++;
  try {
    const object =
      request.kind === 'payment'
        ? await stripe.paymentIntents.create(
            { amount: request.amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, metadata: { fault_key: request.key } },
            { idempotencyKey: request.key },
          )
        : await stripe.refunds.create({ payment_intent: request.paymentIntent!, amount: request.amount, metadata: { fault_key: request.key } }, { idempotencyKey: request.key });
    return { answered: true, id: object.id };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.statusCode !== undefined && error.statusCode < 500 && error.statusCode !== 409 && error.statusCode !== 429) {
      return { answered: true, refusal: `${error.statusCode} ${error.code ?? error.type}: ${error.message}` };
    }
    return { answered: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function record(request: PlannedRequest, outcome: Outcome): boolean {
  if (!outcome.answered) {
    request.lastFailure = outcome.reason;
    return false;
  }
  if ('id' in outcome) request.answeredId = outcome.id;
  else request.refusal = outcome.refusal;
  return true;
}

/** Runs `lanes` concurrent lanes of payments (and refunds) until `running()` turns false. */
export async function runLoad(workload: Workload, client: () => Stripe, lanes: number, running: () => boolean, runId: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (running()) {
        const i = next++;
        const payment: PlannedRequest = { kind: 'payment', key: `fault-${runId}-pi-${i}`, amount: 1000 + i, tries: 0 };
        workload.requests.push(payment);
        if (!record(payment, await sendOnce(client(), payment))) {
          // Backing off as a client does, so that a down platform is not a flood of keys it never saw.
          await sleep(1_000);
          continue;
        }
        if (i % 3 !== 0 || !payment.answeredId || !running()) continue;
        const refund: PlannedRequest = { kind: 'refund', key: `fault-${runId}-re-${i}`, amount: REFUND_AMOUNT, paymentIntent: payment.answeredId, tries: 0 };
        workload.requests.push(refund);
        if (!record(refund, await sendOnce(client(), refund))) await sleep(1_000);
      }
    }),
  );
}

/** Sends every unanswered request again under its key until it is answered (or the deadline passes). */
export async function retryUnanswered(workload: Workload, client: () => Stripe, lanes: number, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  // Payments first: a refund whose payment was unanswered is planned once the payment has its answer.
  for (const kind of ['payment', 'refund'] as const) {
    const pending = workload.requests.filter((request) => request.kind === kind && !request.answeredId && !request.refusal);
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let u = lane; u < pending.length; u += lanes) {
          const request = pending[u];
          while (Date.now() < deadline) {
            workload.retries++;
            if (record(request, await sendOnce(client(), request))) break;
            await sleep(500);
          }
        }
      }),
    );
  }
}
