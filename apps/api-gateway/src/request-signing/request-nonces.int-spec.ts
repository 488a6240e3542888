import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Global,
  HttpCode,
  Injectable,
  Module,
  Post,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Caller, VerifyRequestSignatureParams } from '@payrail/contracts';
import { PayrailError, PayrailHttpExceptionFilter } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { DatabaseModule } from '@payrail/persistence';
import { hmacSha256Hex, signRequest } from '@payrail/signing';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import type { Request } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CurrentCaller, type AuthenticatedRequest } from '../authentication/current-caller.decorator.js';
import { installBodyParsers } from '../http/body-parsers.js';
import { requestIdMiddleware } from '../http/request-id.middleware.js';
import { CreateRequestNonces1764500000000 } from '../migrations/1764500000000-CreateRequestNonces.js';
import { ExpiredNoncesPurger } from './expired-nonces.purger.js';
import { RequestNonceEntity } from './request-nonce.entity.js';
import { RequestNoncesRepository } from './request-nonces.repository.js';
import { RequestSigningModule } from './request-signing.module.js';
import { SignedRequestStrategy } from './signed-request.strategy.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const keyId = `hk_int${run}`;
const secret = randomBytes(32).toString('hex');

/** The auth service's part, which has the secret: checks the HMAC over the bytes the edge sent. */
const fakeAuth = {
  async send(_pattern: string, params: VerifyRequestSignatureParams) {
    if (params.keyId !== keyId) throw new PayrailError('signing_key_invalid', 'Invalid signing key provided.');
    if (hmacSha256Hex(secret, Buffer.from(params.canonicalRequest, 'base64')) !== params.signature) {
      throw new PayrailError('signature_invalid', 'The request signature does not match.');
    }
    return { keyId, merchantId: `mch_${run}`, livemode: false };
  },
};

@Global()
@Module({ providers: [{ provide: MessageClient, useValue: fakeAuth }], exports: [MessageClient] })
class FakeMessagingModule {}

@Controller('v1/things')
class ThingsController {
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: Record<string, unknown>) {
    return { caller, body };
  }
}

/** The signed-request branch of the edge's guard (the guard's other ways in are not under test here). */
@Injectable()
class SignedRequestGuard implements CanActivate {
  constructor(private readonly signedRequests: SignedRequestStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    req.caller = (await this.signedRequests.validate(req)).caller;
    return true;
  }
}

/** One edge replica: the real signed-request strategy and nonce store on the shared database. */
@Module({})
class EdgeReplicaModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: EdgeReplicaModule,
      imports: [
        FakeMessagingModule,
        DatabaseModule.forRoot({ url, schema: 'gateway', entities: [RequestNonceEntity], migrations: [CreateRequestNonces1764500000000] }),
        RequestSigningModule,
      ],
      controllers: [ThingsController],
      providers: [{ provide: APP_GUARD, useClass: SignedRequestGuard }],
    };
  }
}

async function startReplica(url: string): Promise<INestApplication> {
  const nest = await NestFactory.create<NestExpressApplication>(EdgeReplicaModule.forRoot(url), { bodyParser: false, logger: false, abortOnError: false });
  const express = nest.getHttpAdapter().getInstance();
  express.use(requestIdMiddleware);
  installBodyParsers(express);
  nest.useGlobalFilters(new PayrailHttpExceptionFilter());
  return nest.init();
}

function signedPost(app: INestApplication, nonce: string, body = 'name=lamp', timestamp = Math.floor(Date.now() / 1000)) {
  const path = '/v1/things';
  const signature = signRequest(secret, { method: 'POST', path, timestamp: String(timestamp), nonce, rawBody: body });
  return request(app.getHttpServer())
    .post(path)
    .type('form')
    .set({ 'X-API-KEY': keyId, 'X-API-TIMESTAMP': String(timestamp), 'X-API-NONCE': nonce, 'X-API-SIGNATURE': signature })
    .send(body);
}

describe('the nonce store, shared by edge replicas on one database', () => {
  let database: TestDatabase | undefined;
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    database = await openTestDatabase();
    first = await startReplica(database.url);
    second = await startReplica(database.url);
  }, 60_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.stop();
  });

  it('authenticates a signed request on either replica', async () => {
    const answer = await signedPost(second, randomUUID());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ caller: { merchantId: `mch_${run}`, livemode: false }, body: { name: 'lamp' } });
  });

  it('refuses on one replica a nonce already used on the other', async () => {
    const nonce = randomUUID();
    expect((await signedPost(first, nonce)).status).toBe(200);
    const replayed = await signedPost(second, nonce);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toMatchObject({ type: 'authentication_error', code: 'nonce_reused' });
  });

  it('lets exactly one of two simultaneous requests with the same nonce through', async () => {
    const nonce = randomUUID();
    const answers = await Promise.all([signedPost(first, nonce), signedPost(second, nonce)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('still refuses the nonce after a replica restarts', async () => {
    const nonce = randomUUID();
    expect((await signedPost(first, nonce)).status).toBe(200);
    await first.close();
    await second.close();
    first = await startReplica(database!.url);
    second = await startReplica(database!.url);
    const replayed = await signedPost(first, nonce);
    expect(replayed.body.error?.code).toBe('nonce_reused');
  });

  it('does not record the nonce of a request with a bad signature', async () => {
    const nonce = randomUUID();
    const path = '/v1/things';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forged = await request(first.getHttpServer())
      .post(path)
      .type('form')
      .set({ 'X-API-KEY': keyId, 'X-API-TIMESTAMP': timestamp, 'X-API-NONCE': nonce, 'X-API-SIGNATURE': 'ab'.repeat(32) })
      .send('name=lamp');
    expect(forged.body.error?.code).toBe('signature_invalid');
    expect((await signedPost(second, nonce)).status).toBe(200);
  });

  it('frees a nonce once its window is over, and the purger deletes it', async () => {
    const repository = second.get(RequestNoncesRepository);
    const dataSource = second.get(DataSource);
    const nonce = `expired-${randomUUID()}`;
    const pastSeconds = Math.floor(Date.now() / 1000) - 3600;
    expect(await repository.record(keyId, nonce, pastSeconds)).toBe(true);
    // Expired but not yet purged: recording it again takes the row over.
    expect(await repository.record(keyId, nonce, pastSeconds)).toBe(true);
    const live = `live-${randomUUID()}`;
    expect(await repository.record(keyId, live, pastSeconds + 7200)).toBe(true);

    expect(await second.get(ExpiredNoncesPurger).purge()).toBeGreaterThanOrEqual(1);
    const left = (await dataSource.query(`SELECT "nonce" FROM "gateway"."request_nonces" WHERE "key_id" = $1 AND "nonce" = ANY($2)`, [
      keyId,
      [nonce, live],
    ])) as Array<{ nonce: string }>;
    expect(left.map((row) => row.nonce)).toEqual([live]);
    expect(await repository.record(keyId, live, pastSeconds + 7200)).toBe(false);
  });
});
