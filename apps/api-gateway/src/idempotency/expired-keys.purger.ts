import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';

/** Deletes idempotency keys past their 24 hours; an expired key is already free to reuse. */
@Injectable()
export class ExpiredKeysPurger extends PeriodicPurger {
  constructor(private readonly keys: IdempotencyKeysRepository) {
    super('idempotency keys', 10 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.keys.purgeExpired(limit);
  }
}
