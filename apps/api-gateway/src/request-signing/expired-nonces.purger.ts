import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { RequestNoncesRepository } from './request-nonces.repository.js';

/** Deletes nonces past their window; an expired nonce is already free (recording takes it over). */
@Injectable()
export class ExpiredNoncesPurger extends PeriodicPurger {
  constructor(private readonly nonces: RequestNoncesRepository) {
    super('request nonces', 5 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.nonces.purgeExpired(limit);
  }
}
