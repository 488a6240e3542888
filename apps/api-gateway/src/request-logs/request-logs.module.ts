import { Module, RequestMethod, type DynamicModule, type LogLevel, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { OldRequestLogsPurger, REQUEST_LOG_RETENTION_DAYS } from './old-request-logs.purger.js';
import { ACCESS_LOG_LEVEL, RequestLogMiddleware } from './request-log.middleware.js';
import { RequestLogWriter } from './request-log-writer.js';
import { RequestLogsController } from './request-logs.controller.js';
import { RequestLogsRepository } from './request-logs.repository.js';

export interface RequestLogOptions {
  retentionDays: number;
  /** The edge's LOG_LEVEL: the access log is written at `log` and more verbose. */
  logLevel: LogLevel;
}

/** Request logs in the edge's own schema, and the access log; needs the edge's DatabaseModule. */
@Module({})
export class RequestLogsModule implements NestModule {
  static forRoot(options: RequestLogOptions): DynamicModule {
    return {
      module: RequestLogsModule,
      controllers: [RequestLogsController],
      providers: [
        { provide: REQUEST_LOG_RETENTION_DAYS, useValue: options.retentionDays },
        { provide: ACCESS_LOG_LEVEL, useValue: options.logLevel },
        RequestLogsRepository,
        RequestLogWriter,
        OldRequestLogsPurger,
        RequestLogMiddleware,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
