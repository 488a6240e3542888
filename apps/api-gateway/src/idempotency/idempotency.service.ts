import { hkdfSync } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@payrail/signing';
import { IdempotencyKeysRepository, type IdempotencyScope } from './idempotency-keys.repository.js';
import { isReplayable, type Answer } from './stored-answers.js';

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** PAYRAIL_SECRETS_KEY: stored answers are sealed, since some carry secrets (a `whsec_`, a `client_secret`). */
  secretsKey: string;
  /** How long a first request may run before a retry may take its key over (a crashed holder). */
  leaseSeconds?: number;
  /** How long answers are kept for replay. */
  ttlSeconds?: number;
}

export const DEFAULT_LEASE_SECONDS = 60;
export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** How often a request that found its key's row gone (released or purged meanwhile) tries to claim again. */
const CLAIM_ATTEMPTS = 3;

/** The key is this request's to run, and settle when it has answered. */
export interface Claim {
  scope: IdempotencyScope;
  requestId: string;
}

export type Admission =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'replay'; originalRequestId: string; answer: Answer }
  | { kind: 'in_use' }
  | { kind: 'mismatch' };

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly box: SecretBox;
  /** Keys the request hash; derived from the deployment key under its own purpose. */
  readonly requestHashKey: Buffer;
  private readonly leaseSeconds: number;
  private readonly ttlSeconds: number;

  constructor(
    private readonly keys: IdempotencyKeysRepository,
    @Inject(IDEMPOTENCY_OPTIONS) options: IdempotencyOptions,
  ) {
    this.box = SecretBox.fromRootKey(options.secretsKey, 'gateway/idempotent-answers');
    this.requestHashKey = Buffer.from(hkdfSync('sha256', options.secretsKey, 'payrail.idempotency', 'gateway/request-hash', 32));
    this.leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  }

  /** Claims the key for this request, or says what to answer instead. */
  async admit(scope: IdempotencyScope, requestHash: string, requestId: string): Promise<Admission> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      if (await this.keys.claim(scope, { requestHash, requestId, leaseSeconds: this.leaseSeconds, ttlSeconds: this.ttlSeconds })) {
        return { kind: 'claimed', claim: { scope, requestId } };
      }
      const existing = await this.keys.find(scope);
      if (!existing) continue;
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
      if (existing.state === 'running') return { kind: 'in_use' };
      const body = JSON.parse(this.box.open(existing.sealedBody, associatedData(scope, existing.requestId))) as unknown;
      return { kind: 'replay', originalRequestId: existing.requestId, answer: { status: existing.status, body } };
    }
    return { kind: 'in_use' };
  }

  /**
   * Stores the answer for replay, or gives the key back when there is none worth replaying. Never throws:
   * the request has run, and its client gets its answer whatever happens to the record of it.
   */
  async settle(claim: Claim, answer: Answer | undefined): Promise<void> {
    try {
      if (answer && isReplayable(answer)) {
        const sealedBody = this.box.seal(JSON.stringify(answer.body ?? null), associatedData(claim.scope, claim.requestId));
        const stored = await this.keys.storeAnswer(claim.scope, claim.requestId, { status: answer.status, sealedBody });
        if (!stored) this.logger.warn(`Request ${claim.requestId} outlived its idempotency key lease; its answer was not stored`);
      } else {
        await this.keys.release(claim.scope, claim.requestId);
      }
    } catch (error) {
      // The lease runs out and a retry runs the request again: the best left to do.
      this.logger.error(`Could not settle the idempotency key of request ${claim.requestId}: ${(error as Error).message}`);
    }
  }
}

/** Binds a sealed answer to its key and request: a body copied onto another row fails to open. */
function associatedData(scope: IdempotencyScope, requestId: string): string {
  return JSON.stringify([scope.merchantId, scope.livemode, scope.key, requestId]);
}
