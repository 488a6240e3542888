import type { RequestLogEntity } from './request-log.entity.js';
import type { RequestLogResource } from './request-logs.resources.js';

export function toRequestLogResponse(log: RequestLogEntity): RequestLogResource {
  return {
    id: log.id,
    object: 'request_log',
    livemode: log.livemode,
    created: Math.floor(log.createdAt.getTime() / 1000),
    request_id: log.id,
    method: log.method,
    path: log.path,
    status: log.status,
    credential: log.credential,
    idempotency_key: log.idempotencyKey,
    source_address: log.sourceAddress,
    user_agent: log.userAgent,
    latency_ms: log.latencyMs,
    request_body: log.requestBody ?? null,
    response_body: log.responseBody ?? null,
  };
}
