import { Inject, Injectable, type LogLevel, type NestMiddleware } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { redactSensitive } from '@payrail/messaging';
import type { NextFunction, Request, Response } from 'express';
import { sourceAddressOf } from '../common/source-address.js';
import type { EdgeRequest } from '../http/request-id.middleware.js';
import { credentialOf } from './credential-of.js';
import { RequestLogEntity } from './request-log.entity.js';
import { redactBody } from './request-log-redaction.js';
import { RequestLogWriter } from './request-log-writer.js';

export const ACCESS_LOG_LEVEL = Symbol('ACCESS_LOG_LEVEL');
const WRITES_ACCESS_LOG: readonly LogLevel[] = ['log', 'debug', 'verbose'];

/**
 * Around every request: one structured access-log line on stdout (no bodies), and, for a request a
 * merchant made (it authenticated), a request log with its redacted bodies, handed to the writer once the
 * response is sent. Nothing here waits on the database.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly writesAccessLog: boolean;

  constructor(
    private readonly writer: RequestLogWriter,
    @Inject(ACCESS_LOG_LEVEL) logLevel: LogLevel,
  ) {
    this.writesAccessLog = WRITES_ACCESS_LOG.includes(logLevel);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const startedAt = Date.now();
    const started = process.hrtime.bigint();
    let responseBody: unknown;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      responseBody = body;
      return send(body);
    };
    res.once('finish', () => {
      const latencyMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      const caller = (req as Request & { caller?: Caller }).caller;
      const requestId = (req as Partial<EdgeRequest>).requestId ?? '';
      if (this.writesAccessLog) this.writeAccessLog(req, res.statusCode, latencyMs, requestId, caller);
      if (caller && requestId) this.writer.record(this.requestLog(req, res, { requestId, caller, latencyMs, startedAt, responseBody }));
    });
    next();
  }

  private requestLog(
    req: Request,
    res: Response,
    { requestId, caller, latencyMs, startedAt, responseBody }: { requestId: string; caller: Caller; latencyMs: number; startedAt: number; responseBody: unknown },
  ): RequestLogEntity {
    const log = new RequestLogEntity();
    log.id = requestId;
    log.merchantId = caller.merchantId;
    log.livemode = caller.livemode;
    log.credential = credentialOf(req);
    log.method = req.method;
    // A path can carry what a client should never have sent there (a card number as an id).
    log.path = redactSensitive(req.path);
    log.status = res.statusCode;
    const input: unknown = req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? req.query : req.body;
    log.requestBody = isEmpty(input) ? null : redactBody(input);
    log.responseBody = redactBody(parsed(responseBody, res));
    log.sourceAddress = sourceAddressOf(req);
    log.userAgent = req.header('user-agent') ?? null;
    log.idempotencyKey = req.header('idempotency-key') ?? null;
    log.latencyMs = latencyMs;
    log.createdAt = new Date(startedAt);
    return log;
  }

  private writeAccessLog(req: Request, status: number, latencyMs: number, requestId: string, caller: Caller | undefined): void {
    const line = {
      time: new Date().toISOString(),
      level: 'log',
      service: 'api-gateway',
      context: 'AccessLog',
      request_id: requestId,
      method: req.method,
      path: redactSensitive(req.path),
      status,
      latency_ms: latencyMs,
      merchant: caller?.merchantId,
      source_address: sourceAddressOf(req),
      user_agent: req.header('user-agent'),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
}

/** A JSON response as its object; anything else (a page) as text. */
function parsed(body: unknown, res: Response): unknown {
  if (body === undefined || body === null) return null;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
  if (String(res.getHeader('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
