import type { LoggerService, LogLevel } from '@nestjs/common';
import { requestContext } from '../context/request-context.js';
import { activeTraceId } from '../tracing/trace-context.js';
import { redactSensitive } from './redact.js';

const LEVELS: Record<LogLevel, number> = { fatal: 0, error: 1, warn: 2, log: 3, debug: 4, verbose: 5 };

/**
 * One JSON object per line, with the service, the request id that followed the message here, the trace id, and
 * secrets and card numbers redacted from whatever is logged.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  /** `level` is the most verbose level written (LOG_LEVEL, validated by the process's configuration). */
  constructor(
    private readonly service: string,
    level: LogLevel = 'log',
  ) {
    this.threshold = LEVELS[level];
  }

  log(message: unknown, ...rest: unknown[]): void { this.write('log', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.write('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]): void { this.write('fatal', message, rest); }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] > this.threshold) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      request_id: requestContext.current()?.requestId || undefined,
      // The span active where the line was logged; absent, not zeros, while tracing is off or outside a span.
      trace_id: activeTraceId(),
      msg: redactSensitive(typeof message === 'string' ? message : JSON.stringify(message)),
    };
    if (level === 'error' && typeof rest[0] === 'string') entry.stack = redactSensitive(rest[0]);
    const stream = LEVELS[level] <= LEVELS.warn ? process.stderr : process.stdout;
    stream.write(`${JSON.stringify(entry)}\n`);
  }
}
