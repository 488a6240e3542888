import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
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

const CREATED_BOUNDS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The edge's request logs: written in batches, read by their merchant (newest first), purged when old. */
@Injectable()
export class RequestLogsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insertMany(logs: RequestLogEntity[]): Promise<void> {
    if (logs.length > 0) await this.dataSource.manager.insert(RequestLogEntity, logs as QueryDeepPartialEntity<RequestLogEntity>[]);
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
