import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PatternMap, ReplyOf, RequestOf } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { configureEdgeHttp } from '../http/create-edge-app.js';
import type { TrustProxySetting } from '../http/trust-proxy.js';

type Replies = { [P in keyof PatternMap]?: (request: RequestOf<P>) => ReplyOf<P> };

/** The services' side of the bus: records what the edge forwards and answers as the spec says. */
export class FakeBus {
  sent: { pattern: string; request: unknown }[] = [];
  replies: Replies = {};

  readonly client = {
    send: async <P extends keyof PatternMap>(pattern: P, req: RequestOf<P>): Promise<ReplyOf<P>> => {
      this.sent.push({ pattern, request: req });
      const reply = this.replies[pattern] as ((r: RequestOf<P>) => ReplyOf<P>) | undefined;
      if (!reply) throw new Error(`no reply for ${pattern}`);
      return reply(req);
    },
  };

  reset(): void {
    this.sent = [];
    this.replies = {};
  }
}

/** One controller behind the edge's own HTTP pipeline, its bus faked, on a free loopback port. */
export async function startEdgeController(
  controller: Type<unknown>,
  bus: FakeBus,
  { trustProxy = false }: { trustProxy?: TrustProxySetting } = {},
): Promise<INestApplication> {
  @Module({ controllers: [controller], providers: [{ provide: MessageClient, useValue: bus.client }] })
  class ControllerUnderTest {}
  const app = await NestFactory.create<NestExpressApplication>(ControllerUnderTest, { bodyParser: false, logger: false });
  configureEdgeHttp(app, { trustProxy });
  await app.listen(0, '127.0.0.1');
  return app;
}
