import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerOwner } from '../journal/journal-entry.js';
import { priceFor, type Price, type PriceRow } from './pricing-plan.js';

@Injectable()
export class PricingPlansRepository {
  async priceFor(manager: EntityManager, owner: LedgerOwner, method: string, currency: string): Promise<Price> {
    const rows = (await manager.query(
      `SELECT "method", "currency", "percent_bps" AS "percentBps", "fixed_amount"::float8 AS "fixedAmount" FROM "ledger"."pricing_plans"
        WHERE "merchant_id" = $1 AND "livemode" = $2 AND "method" IN ($3, '*') AND "currency" IN ($4, '*')`,
      [owner.merchantId, owner.livemode, method, currency],
    )) as PriceRow[];
    return priceFor(rows, method, currency);
  }
}
