import { Inject, Injectable } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Whether a merchant may act at all. Asked by every path that turns a credential into a caller (API
 * keys, signed requests, token grants, logins): a suspended merchant's credentials stay valid but are
 * refused with 403 until an operator resumes it. The edge caches a verified API key for a few seconds,
 * so a suspension takes hold within that.
 */
@Injectable()
export class MerchantStanding {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async assertActive(merchantId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (await this.isSuspended(merchantId, manager)) throw suspended();
  }

  async isSuspended(merchantId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM "auth"."merchants" WHERE "id" = $1 AND "suspended_at" IS NOT NULL`, [merchantId])) as unknown[];
    return rows.length > 0;
  }
}

export const SUSPENDED_MESSAGE = 'This account is suspended. Contact the platform operator to have it resumed.';

export function suspended(): PayrailError {
  return new PayrailError('account_suspended', SUSPENDED_MESSAGE);
}
