import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { RevokedAccessTokensRepository } from './revoked-access-tokens.repository.js';

/** Deletes deny-list entries whose token has expired: the edge refuses it for its expiry anyway. */
@Injectable()
export class ExpiredRevocationsPurger extends PeriodicPurger {
  constructor(private readonly revoked: RevokedAccessTokensRepository) {
    super('revoked access tokens', 10 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.revoked.purgeExpired(limit);
  }
}
