import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Stripe's `created` list filter: an exact unix second, or a range. */
export type CreatedRange = number | { gt?: number; gte?: number; lt?: number; lte?: number };

/**
 * Stripe's `created` filter on the timestamp column the object's `created` is shown from (`created_at`
 * unless named). `created` is shown in whole unix seconds, so `gt: t` means a creation second after t
 * (column ≥ t+1) and `lte: t` means column < t+1.
 */
export function applyCreatedRange<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, created: CreatedRange | undefined, columnName = 'created_at'): void {
  if (created === undefined) return;
  const range = typeof created === 'number' ? { gte: created, lte: created } : created;
  const column = `${alias}.${columnName}`;
  if (range.gt !== undefined) query.andWhere(`${column} >= to_timestamp(:createdGt)`, { createdGt: range.gt + 1 });
  if (range.gte !== undefined) query.andWhere(`${column} >= to_timestamp(:createdGte)`, { createdGte: range.gte });
  if (range.lt !== undefined) query.andWhere(`${column} < to_timestamp(:createdLt)`, { createdLt: range.lt });
  if (range.lte !== undefined) query.andWhere(`${column} < to_timestamp(:createdLte)`, { createdLte: range.lte + 1 });
}
