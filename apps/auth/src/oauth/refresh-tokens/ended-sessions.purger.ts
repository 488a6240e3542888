import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';

/** Deletes the refresh tokens of sessions past their absolute end: none of them can be used again. */
@Injectable()
export class EndedSessionsPurger extends PeriodicPurger {
  constructor(private readonly refreshTokens: RefreshTokensRepository) {
    super('refresh tokens', 10 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.refreshTokens.purgeEndedSessions(limit);
  }
}
