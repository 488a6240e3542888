import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR, ModuleRef } from '@nestjs/core';
import { FailedAuthenticationLimit } from './failed-authentication.middleware.js';
import { MemoryBucketStore } from './memory-bucket-store.js';
import { RateLimitInterceptor } from './rate-limit.interceptor.js';
import { RateLimitPolicy, type RateLimitOverride } from './rate-limit-policy.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisBucketStore } from './redis-bucket-store.js';
import { BucketStore } from './token-bucket.js';

export interface RateLimitOptions {
  /** Shared buckets for every replica; unset: this process's memory. */
  redisUrl?: string;
  overrides: RateLimitOverride[];
}

@Module({})
export class RateLimitsModule implements NestModule, OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitsModule,
      providers: [
        { provide: BucketStore, useFactory: () => (options.redisUrl ? new RedisBucketStore(options.redisUrl) : new MemoryBucketStore()) },
        { provide: RateLimitPolicy, useValue: new RateLimitPolicy(options.overrides) },
        RateLimiter,
        FailedAuthenticationLimit,
        { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FailedAuthenticationLimit).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(BucketStore).close();
  }
}
