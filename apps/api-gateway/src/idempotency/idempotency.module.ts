import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ExpiredKeysPurger } from './expired-keys.purger.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { IDEMPOTENCY_OPTIONS, IdempotencyService, type IdempotencyOptions } from './idempotency.service.js';

/** Idempotency keys on every authenticated POST; needs the edge's DatabaseModule. */
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: options },
        IdempotencyKeysRepository,
        IdempotencyService,
        ExpiredKeysPurger,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
