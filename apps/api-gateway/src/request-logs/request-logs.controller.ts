import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListRequestLogsDto, type CreatedFilter } from './dto/list-request-logs.dto.js';
import { toRequestLogResponse } from './request-log.response.js';
import { RequestLogResource } from './request-logs.resources.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';
import { RequestLogsRepository, type RequestLogFilter } from './request-logs.repository.js';

/** A merchant's own API requests, newest first, as the edge recorded them (bodies redacted). */
@Controller('v1/request_logs')
export class RequestLogsController {
  constructor(private readonly logs: RequestLogsRepository) {}

  /**
   * List the merchant's API requests, newest first (bodies redacted)
   */
  @ApiListResponse(RequestLogResource)
  @Get()
  @Access({ scope: 'accounts:read' })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListRequestLogsDto) {
    if (query.starting_after && query.ending_before) {
      throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: starting_after, ending_before.', { param: 'ending_before' });
    }
    const filter: RequestLogFilter = { status: query.status, method: query.method, path: query.path, requestId: query.request_id, created: createdRange(query.created) };
    const page = await this.logs.list(caller, filter, { limit: query.limit ?? 10, startingAfter: query.starting_after, endingBefore: query.ending_before });
    return { object: 'list', url: '/v1/request_logs', has_more: page.hasMore, data: page.data.map(toRequestLogResponse) };
  }

  /**
   * Retrieve a request log by its request id
   */
  @Get(':id')
  @Access({ scope: 'accounts:read' })
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RequestLogResource> {
    const log = await this.logs.findOne(caller, id);
    if (!log) throw PayrailError.notFound('request_log', id, 'id');
    return toRequestLogResponse(log);
  }
}

function createdRange(created: CreatedFilter | undefined): RequestLogFilter['created'] {
  if (created === undefined) return undefined;
  const at = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000));
  // `created=T` is the whole second T.
  if (typeof created === 'number') return { gte: at(created), lt: at(created + 1) };
  return { gt: at(created.gt), gte: at(created.gte), lt: at(created.lt), lte: at(created.lte) };
}
