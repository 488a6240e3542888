import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { RevokedSubjectsRepository } from './revoked-subjects.repository.js';

/** Deletes revoked subjects whose tokens have all expired: the edge refuses those for their expiry anyway. */
@Injectable()
export class ExpiredRevokedSubjectsPurger extends PeriodicPurger {
  constructor(private readonly revoked: RevokedSubjectsRepository) {
    super('revoked subjects', 10 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.revoked.purgeExpired(limit);
  }
}
