import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { RequestLogEntity } from './request-log.entity.js';

export interface RequestLogFilter {
  status?: number;
  method?: string;
  path?: string;
  requestId?: string;
  created?: { gt?: Date; gte?: Date; lt?: Date; lte?: Date };
}

export interface RequestLogPage {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

const COLUMN_NAMES = ['id', 'merchant_id', 'livemode', 'credential', 'method', 'path', 'status', 'request_body', 'response_body', 'source_address', 'user_agent', 'idempotency_key', 'latency_ms', 'created_at'] as const;
const COLUMNS = COLUMN_NAMES.map((name) => `"${name}"`).join(', ');

/** A log as the table's row, keyed by column name (what jsonb_populate_recordset matches on). */
function toRow(log: RequestLogEntity): Record<(typeof COLUMN_NAMES)[number], unknown> {
  return {
    id: log.id,
    merchant_id: log.merchantId,
    livemode: log.livemode,
    credential: log.credential,
    method: log.method,
    path: log.path,
    status: log.status,
    request_body: log.requestBody ?? null,
    response_body: log.responseBody ?? null,
    source_address: log.sourceAddress,
    user_agent: log.userAgent,
    idempotency_key: log.idempotencyKey,
    latency_ms: log.latencyMs,
    created_at: log.createdAt.toISOString(),
  };
}

const CREATED_BOUNDS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The edge's request logs: written in batches, read by their merchant (newest first), purged when old. */
@Injectable()
export class RequestLogsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * One statement whose one parameter is the rows as JSON: the edge's thread only serialises them (the query
   * builder spent ~1 ms per batch placing 350 parameters, in front of the requests waiting on that thread).
   */
  async insertMany(logs: RequestLogEntity[]): Promise<void> {
    if (logs.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO "gateway"."request_logs" (${COLUMNS})
       SELECT ${COLUMNS} FROM jsonb_populate_recordset(NULL::"gateway"."request_logs", $1::jsonb)`,
      [JSON.stringify(logs.map(toRow))],
    );
  }

  findOne(caller: Caller, id: string): Promise<RequestLogEntity | null> {
    return this.dataSource.manager.findOneBy(RequestLogEntity, { id, merchantId: caller.merchantId, livemode: caller.livemode });
  }

  /** One page, newest first, and whether there is more beyond it in the direction paged. */
  async list(caller: Caller, filter: RequestLogFilter, page: RequestLogPage): Promise<{ data: RequestLogEntity[]; hasMore: boolean }> {
    const query = this.dataSource.manager
      .createQueryBuilder(RequestLogEntity, 'log')
      .where('log.merchant_id = :merchantId AND log.livemode = :livemode', { merchantId: caller.merchantId, livemode: caller.livemode });
    applyFilter(query, filter);
    const cursorId = page.startingAfter ?? page.endingBefore;
    if (cursorId) {
      const cursor = await this.findOne(caller, cursorId);
      if (!cursor) return { data: [], hasMore: false };
      const direction = page.startingAfter ? '<' : '>';
      query.andWhere(`(log.created_at, log.id) ${direction} (:cursorCreated, :cursorId)`, { cursorCreated: cursor.createdAt, cursorId: cursor.id });
    }
    const newestFirst = !page.endingBefore;
    query
      .orderBy('log.created_at', newestFirst ? 'DESC' : 'ASC')
      .addOrderBy('log.id', newestFirst ? 'DESC' : 'ASC')
      .take(page.limit + 1);
    const rows = await query.getMany();
    const data = rows.slice(0, page.limit);
    return { data: newestFirst ? data : data.reverse(), hasMore: rows.length > page.limit };
  }

  /** Deletes up to `limit` logs created before `before`; returns how many went. */
  async purgeOlderThan(before: Date, limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(RequestLogEntity)
      .where(`id IN (SELECT old.id FROM "gateway"."request_logs" old WHERE old.created_at < :before LIMIT :limit)`, { before, limit })
      .execute();
    return result.affected ?? 0;
  }
}

function applyFilter(query: SelectQueryBuilder<RequestLogEntity>, filter: RequestLogFilter): void {
  if (filter.status !== undefined) query.andWhere('log.status = :status', { status: filter.status });
  if (filter.method !== undefined) query.andWhere('log.method = :method', { method: filter.method.toUpperCase() });
  if (filter.path !== undefined) query.andWhere('log.path = :path', { path: filter.path });
  if (filter.requestId !== undefined) query.andWhere('log.id = :requestId', { requestId: filter.requestId });
  for (const [bound, operator] of Object.entries(CREATED_BOUNDS) as [keyof typeof CREATED_BOUNDS, string][]) {
    const at = filter.created?.[bound];
    if (at) query.andWhere(`log.created_at ${operator} :created_${bound}`, { [`created_${bound}`]: at });
  }
}
