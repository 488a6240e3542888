import { Controller, Get, Global, Module, Post, type INestApplication, type LoggerService } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient, ServiceMetrics, type PayrailMetrics } from '@payrail/messaging';
import { ApiKeyStrategy } from '../authentication/api-key.strategy.js';
import { AuthenticationGuard } from '../authentication/authentication.guard.js';
import { Access } from '../authentication/access.decorator.js';
import { configureEdgeHttp } from '../http/create-edge-app.js';
import { AccessTokenStrategy } from '../oauth/access-token.strategy.js';
import { parseRateLimitOverrides } from '../rate-limits/rate-limit-policy.js';
import { RateLimitsModule } from '../rate-limits/rate-limits.module.js';
import { SignedRequestStrategy } from '../request-signing/signed-request.strategy.js';
import { FakeBus } from './edge-controller-under-test.js';

@Controller()
class Routes {
  @Post('v1/payment_intents') create() {
    return { object: 'payment_intent' };
  }
  @Get('v1/payment_intents/:id') retrieve() {
    return { object: 'payment_intent' };
  }
  @Access({ public: true }) @Get('receipts/:id') receipt() {
    return { object: 'receipt' };
  }
  @Access({ public: true }) @Get('health') health() {
    return { status: 'ok' };
  }
}

/** Secret keys the fake auth service knows, and their merchants; any other key is `api_key_invalid`. */
export const LIMITED_EDGE_KEYS: Record<string, string> = { sk_test_a: 'acct_a', sk_test_b: 'acct_b', sk_test_big: 'acct_big' };

/**
 * The edge's authentication and rate limits in front of a few routes (create, read, a public page, health),
 * on its real HTTP pipeline; the auth service faked on the bus.
 */
export class LimitedEdge {
  readonly bus = new FakeBus();

  constructor() {
    this.bus.replies[Patterns.AuthApiKeyVerify] = ({ key }) => {
      if (!LIMITED_EDGE_KEYS[key]) throw new PayrailError('api_key_invalid', 'Invalid API Key provided.');
      return { keyId: `key_${key}`, merchantId: LIMITED_EDGE_KEYS[key], livemode: false, type: 'secret' };
    };
  }

  /** With `metrics`, the edge records its HTTP latency and rate-limit refusals there, as `api-gateway`. */
  async start({ limits = '', redisUrl, logger, metrics }: { limits?: string; redisUrl?: string; logger?: LoggerService; metrics?: PayrailMetrics } = {}): Promise<INestApplication> {
    const serviceMetrics = metrics?.forService('api-gateway');
    @Global()
    @Module({ providers: serviceMetrics ? [{ provide: ServiceMetrics, useValue: serviceMetrics }] : [], exports: serviceMetrics ? [ServiceMetrics] : [] })
    class MetricsUnderTest {}
    @Module({
      imports: [MetricsUnderTest, RateLimitsModule.forRoot({ overrides: parseRateLimitOverrides(limits), redisUrl })],
      controllers: [Routes],
      providers: [
        { provide: MessageClient, useValue: this.bus.client },
        ApiKeyStrategy,
        { provide: SignedRequestStrategy, useValue: {} },
        { provide: AccessTokenStrategy, useValue: {} },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
    })
    class LimitedEdgeModule {}
    const app = await NestFactory.create<NestExpressApplication>(LimitedEdgeModule, { bodyParser: false, logger: logger ?? false });
    configureEdgeHttp(app, { trustProxy: false, metrics: serviceMetrics });
    await app.listen(0, '127.0.0.1');
    return app;
  }
}
