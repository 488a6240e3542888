import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { AuthorizationRoutesRepository } from '../routing/authorization-routes.repository.js';
import { ConnectorRegistry, type ConnectorRoute } from '../routing/connector-registry.js';
import type { ConnectorAuthorizeRequest, ConnectorAuthorizeResult } from '../routing/payment-connector.js';
import { RoutePlanner } from '../routing/route-planner.js';
import type { PaymentToRoute } from '../routing-rules/routing-rule-matcher.js';
import { isHealthy, outcomeOfFailure, type AttemptOutcome } from './attempt-outcome.js';
import { AuthorizationAttemptsRepository } from './authorization-attempts.repository.js';
import { CircuitBreaker, type Admission } from './circuit-breaker.js';

export interface FailoverAnswer {
  /** The account that answered: the charge records it, and captures, refunds and syncs go there. */
  route: ConnectorRoute;
  result: ConnectorAuthorizeResult;
}

/**
 * Sends one authorisation attempt to the accounts of its route plan in order, moving on only when no
 * money can have moved: the account was unreachable (nothing sent, or a 5xx/429 the connector reports
 * as not accepted) or its circuit is open. An unknown outcome (a timeout after sending) stops here: the
 * attempt stays with that account until sync learns what became of it. Every try is recorded.
 */
@Injectable()
export class FailoverAuthorizer {
  private readonly logger = new Logger(FailoverAuthorizer.name);

  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly planner: RoutePlanner,
    private readonly routes: AuthorizationRoutesRepository,
    private readonly attempts: AuthorizationAttemptsRepository,
    private readonly breaker: CircuitBreaker,
  ) {}

  async authorize(caller: Caller, request: ConnectorAuthorizeRequest, payment: PaymentToRoute): Promise<FailoverAnswer> {
    const candidates = await this.candidates(caller, request.idempotencyKey, payment);
    let recorded = candidates[0];
    for (const route of candidates) {
      // The recorded route is the one account sync will ask about this attempt, so it must name the
      // account about to be called BEFORE it is called: a crash after the call then still leaves sync
      // asking the right gateway. Moving it away from the previous account is safe because that account
      // certainly did not take the attempt (unreachable: nothing processed; circuit open: never called),
      // so its answer to a sync could only have been `not_found`.
      if (route !== recorded) {
        if (!(await this.routes.move(request.idempotencyKey, recorded, route))) break;
        recorded = route;
      }
      const answer = await this.tryAccount(caller, request, route);
      if (answer) return { route, result: answer };
    }
    throw new PayrailError('gateway_unavailable', 'No gateway could take this payment right now, and nothing was charged. Try again in a little bit.');
  }

  /**
   * The accounts this attempt may try. Only the request that records the attempt's route fails over:
   * a retry, a concurrent duplicate or a request resumed after a crash finds a route already recorded,
   * and cannot know that the account it names never took the attempt, so it goes there alone.
   */
  private async candidates(caller: Caller, idempotencyKey: string, payment: PaymentToRoute): Promise<ConnectorRoute[]> {
    const recorded = await this.routes.find(idempotencyKey);
    if (recorded) return [recorded];
    const plan = await this.planner.plan(caller, payment);
    if (await this.routes.recordFirst(idempotencyKey, caller, plan[0])) return plan;
    return [(await this.routes.find(idempotencyKey))!];
  }

  /** The account's answer; undefined when it did not take the attempt and the next may; throws when the attempt must stop here. */
  private async tryAccount(caller: Caller, request: ConnectorAuthorizeRequest, route: ConnectorRoute): Promise<ConnectorAuthorizeResult | undefined> {
    const accountId = route.gatewayAccountId;
    const admission: Admission = accountId === null ? 'closed' : await this.breaker.admit(accountId);
    const attemptedAt = new Date();
    if (admission === 'refused') {
      await this.attempts.record(caller, { idempotencyKey: request.idempotencyKey, route, outcome: 'circuit_open', latencyMs: 0, attemptedAt });
      return undefined;
    }
    const connector = await this.registry.connectorFor(caller, route);
    const started = performance.now();
    try {
      const result = await connector.authorize(request);
      await this.settle(caller, request, route, admission, { outcome: 'answered', latencyMs: performance.now() - started, attemptedAt });
      return result;
    } catch (error) {
      const outcome = outcomeOfFailure(error);
      await this.settle(caller, request, route, admission, { outcome, latencyMs: performance.now() - started, attemptedAt });
      if (outcome === 'unreachable') {
        this.logger.warn(`${route.gateway} account ${accountId ?? 'sandbox'} did not take ${request.idempotencyKey} (nothing was processed)`);
        return undefined;
      }
      if (outcome === 'outcome_unknown') {
        throw new PayrailError('upstream_timeout', 'The gateway did not answer in time. The payment may still go through: its outcome will be settled with the gateway.');
      }
      throw error;
    }
  }

  private async settle(
    caller: Caller,
    request: ConnectorAuthorizeRequest,
    route: ConnectorRoute,
    admission: Exclude<Admission, 'refused'>,
    attempt: { outcome: Exclude<AttemptOutcome, 'circuit_open'>; latencyMs: number; attemptedAt: Date },
  ): Promise<void> {
    await this.attempts.record(caller, { idempotencyKey: request.idempotencyKey, route, ...attempt });
    if (route.gatewayAccountId !== null) await this.breaker.settle(route.gatewayAccountId, admission, isHealthy(attempt.outcome));
  }
}
