import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

export const DEFAULT_PAGE_SIZE = 10;

/**
 * Stripe-style cursor pagination, newest first, over `created_at` then `id` so that the order is total
 * and stable while rows are inserted. `query` must already filter by merchant and mode; the cursor
 * object is looked up inside that same filter, so another merchant's id is simply not found.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  params: PageParams,
): Promise<Page<T> & { cursorMissing?: string }> {
  const limit = params.limit ?? DEFAULT_PAGE_SIZE;
  const cursorId = params.starting_after ?? params.ending_before;
  const forward = params.ending_before === undefined;
  if (cursorId !== undefined) {
    const cursor = await query.clone().andWhere(`${alias}.id = :cursorId`, { cursorId }).getOne();
    if (!cursor) return { data: [], hasMore: false, cursorMissing: cursorId };
    const comparison = forward ? '<' : '>';
    // Compared in SQL, not through a JS Date: timestamptz keeps microseconds that a Date would drop.
    const table = query.expressionMap.mainAlias!.metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
    query.andWhere(
      `(${alias}.created_at, ${alias}.id) ${comparison} (SELECT page_cursor.created_at, page_cursor.id FROM ${table} page_cursor WHERE page_cursor.id = :cursorId)`,
      { cursorId },
    );
  }
  const direction = forward ? 'DESC' : 'ASC';
  const rows = await query
    .orderBy(`${alias}.created_at`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1)
    .getMany();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { data: forward ? page : page.reverse(), hasMore };
}
