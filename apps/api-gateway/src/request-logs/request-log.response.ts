import type { RequestLogEntity } from './request-log.entity.js';

/** A request log as the API shows it (Stripe-shaped: `object`, `created` in unix seconds). */
export interface RequestLogResponse {
  id: string;
  object: 'request_log';
  livemode: boolean;
  created: number;
  request_id: string;
  method: string;
  path: string;
  status: number;
  credential: string | null;
  idempotency_key: string | null;
  source_address: string;
  user_agent: string | null;
  latency_ms: number;
  request_body: unknown;
  response_body: unknown;
}

export function toRequestLogResponse(log: RequestLogEntity): RequestLogResponse {
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
