import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  ValidationPipe,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PayrailError, PayrailHttpExceptionFilter, validationExceptionFactory } from '@payrail/errors';
import { DatabaseModule } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { Request } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { installBodyParsers } from '../http/body-parsers.js';
import { requestIdMiddleware } from '../http/request-id.middleware.js';
import { CreateIdempotencyKeys1764100000000 } from '../migrations/1764100000000-CreateIdempotencyKeys.js';
import { ExpiredKeysPurger } from './expired-keys.purger.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { IdempotencyKeysRepository, type IdempotencyScope } from './idempotency-keys.repository.js';
import { IdempotencyModule } from './idempotency.module.js';
import { IdempotencyService } from './idempotency.service.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const merchant = `acct_idem_a_${run}`;
const otherMerchant = `acct_idem_b_${run}`;
const secretsKey = randomBytes(32).toString('hex');

type Outcome = 'ok' | 'declined' | 'timeout' | 'slow';

class CreateThingDto {
  @IsString() name!: string;
  @IsOptional() @IsIn(['ok', 'declined', 'timeout', 'slow']) outcome?: Outcome;
}

/** Stands in for a route that forwards to a service: counts its runs and answers as told. */
const handler = {
  runs: 0,
  /** Outcomes to give before the one the request asks for, e.g. a timeout once. */
  scripted: [] as Outcome[],
  gate: Promise.resolve(),
};

@Controller('v1/things')
class ThingsController {
  @Post()
  @HttpCode(200)
  async create(@Body() body: CreateThingDto) {
    const count = ++handler.runs;
    const outcome = handler.scripted.shift() ?? body.outcome ?? 'ok';
    if (outcome === 'slow') await handler.gate;
    if (outcome === 'declined') throw new PayrailError('card_declined', 'Your card was declined.', { declineCode: 'generic_decline' });
    if (outcome === 'timeout') throw new PayrailError('upstream_timeout', 'The request took too long to complete. Please retry with the same idempotency key.');
    return { id: `thing_${count}`, object: 'thing', name: body.name };
  }

  @Get()
  list() {
    return { object: 'list', data: [], runs: ++handler.runs };
  }
}

/** The API key guard's part: `X-Test-Merchant` (and `X-Test-Live`) say who calls. */
@Injectable()
class HeaderCallerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { caller?: unknown }>();
    const merchantId = req.header('x-test-merchant');
    if (merchantId) req.caller = { merchantId, livemode: req.header('x-test-live') === 'true' };
    return true;
  }
}

/** The edge's idempotency wiring around a stand-in route. */
@Module({})
class SpecModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: SpecModule,
      imports: [
        DatabaseModule.forRoot({ url, schema: 'gateway', entities: [IdempotencyKeyEntity], migrations: [CreateIdempotencyKeys1764100000000] }),
        IdempotencyModule.forRoot({ secretsKey }),
      ],
      controllers: [ThingsController],
      providers: [{ provide: APP_GUARD, useClass: HeaderCallerGuard }],
    };
  }
}

describe('idempotency keys at the edge, on a real database', () => {
  let embedded: TestDatabase | undefined;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let keyCount = 0;
  const newKey = () => `key-${run}-${++keyCount}`;
  const post = (key: string | undefined, body: object, merchantId = merchant) => {
    const req = http.post('/v1/things').set('X-Test-Merchant', merchantId);
    return key === undefined ? req.send(body) : req.set('Idempotency-Key', key).send(body);
  };

  beforeAll(async () => {
    embedded = await openTestDatabase();
    const url = embedded.url;
    const nest = await NestFactory.create<NestExpressApplication>(SpecModule.forRoot(url), { bodyParser: false, logger: false });
    const express = nest.getHttpAdapter().getInstance();
    express.use(requestIdMiddleware);
    installBodyParsers(express);
    nest.useGlobalFilters(new PayrailHttpExceptionFilter());
    nest.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }));
    app = await nest.init();
    http = request(app.getHttpServer());
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await embedded?.stop();
  });

  beforeEach(() => {
    handler.scripted = [];
    handler.gate = Promise.resolve();
  });

  it('replays the first answer, status and body, with Idempotent-Replayed and the original request id', async () => {
    const key = newKey();
    const runsBefore = handler.runs;
    const first = await post(key, { name: 'lamp' });
    const again = await post(key, { name: 'lamp' });
    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers['original-request']).toBe(first.headers['request-id']);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['original-request']).toBe(first.headers['request-id']);
    expect(again.headers['request-id']).not.toBe(first.headers['request-id']);
    expect(handler.runs - runsBefore).toBe(1);
  });

  it('recognises the same parameters whether sent as JSON or form-encoded', async () => {
    const key = newKey();
    const first = await post(key, { name: 'chair' });
    const again = await http.post('/v1/things').set('X-Test-Merchant', merchant).set('Idempotency-Key', key).type('form').send('name=chair');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('refuses the same key with other parameters, running nothing', async () => {
    const key = newKey();
    await post(key, { name: 'desk' });
    const runsBefore = handler.runs;
    const other = await post(key, { name: 'table' });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_error' });
    expect(handler.runs).toBe(runsBefore);
  });

  it('stores a declined outcome and replays it rather than trying again', async () => {
    const key = newKey();
    const runsBefore = handler.runs;
    const first = await post(key, { name: 'sofa', outcome: 'declined' });
    const again = await post(key, { name: 'sofa', outcome: 'declined' });
    expect(first.status).toBe(402);
    expect(again.status).toBe(402);
    expect(again.body).toEqual(first.body);
    expect(again.body.error.request_id).toBe(first.headers['request-id']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(handler.runs - runsBefore).toBe(1);
  });

  it('gives the key back after a 5xx, so that the retry with the same key runs', async () => {
    const key = newKey();
    handler.scripted = ['timeout'];
    const timedOut = await post(key, { name: 'rug' });
    expect(timedOut.status).toBe(504);
    const retried = await post(key, { name: 'rug' });
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replayed = await post(key, { name: 'rug' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.id).toBe(retried.body.id);
  });

  it('keeps nothing for a request that failed validation, so the corrected one may use the key', async () => {
    const key = newKey();
    const invalid = await post(key, { outcome: 'ok' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('parameter_missing');
    const corrected = await post(key, { name: 'shelf', outcome: 'ok' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.name).toBe('shelf');
  });

  it('answers 409 idempotency_key_in_use while the first request still runs, then replays it', async () => {
    const key = newKey();
    let open!: () => void;
    handler.gate = new Promise((resolve) => (open = resolve));
    const runsBefore = handler.runs;
    const first = post(key, { name: 'bed', outcome: 'slow' }).then((response) => response);
    await waitUntil(async () => handler.runs > runsBefore);
    const duplicate = await post(key, { name: 'bed', outcome: 'slow' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
    open();
    const settled = await first;
    expect(settled.status).toBe(200);
    const replayed = await post(key, { name: 'bed', outcome: 'slow' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.id).toBe(settled.body.id);
  });

  it('runs exactly one of many concurrent requests with one key', async () => {
    const key = newKey();
    const runsBefore = handler.runs;
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(key, { name: 'lamp' })));
    expect(handler.runs - runsBefore).toBe(1);
    const ran = responses.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === undefined);
    expect(ran).toHaveLength(1);
    for (const response of responses) {
      if (response.status === 409) expect(response.body.error.code).toBe('idempotency_key_in_use');
      else expect(response.body.id).toBe(ran[0].body.id);
    }
  });

  it('scopes keys by merchant and by mode', async () => {
    const key = newKey();
    const mine = await post(key, { name: 'vase' });
    const theirs = await post(key, { name: 'vase' }, otherMerchant);
    const myLive = await http.post('/v1/things').set('X-Test-Merchant', merchant).set('X-Test-Live', 'true').set('Idempotency-Key', key).send({ name: 'vase' });
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(myLive.headers['idempotent-replayed']).toBeUndefined();
    expect(new Set([mine.body.id, theirs.body.id, myLive.body.id]).size).toBe(3);
  });

  it('ignores the header on GET, and without a key runs every time', async () => {
    const key = newKey();
    const first = await http.get('/v1/things').set('X-Test-Merchant', merchant).set('Idempotency-Key', key);
    const second = await http.get('/v1/things').set('X-Test-Merchant', merchant).set('Idempotency-Key', key);
    expect(second.body.runs).toBe(first.body.runs + 1);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const a = await post(undefined, { name: 'mat' });
    const b = await post(undefined, { name: 'mat' });
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('refuses a key longer than 255 characters, and an empty one', async () => {
    const tooLong = await post('k'.repeat(256), { name: 'lamp' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.type).toBe('idempotency_error');
    expect((await post('k'.repeat(255), { name: 'lamp' })).status).toBe(200);
    expect((await post('', { name: 'lamp' })).status).toBe(400);
  });

  it('stores answers sealed, never in clear', async () => {
    const key = newKey();
    await post(key, { name: 'whsec_plaintextsecret' });
    const [row] = await app.get(DataSource).query(`SELECT "response_body" FROM "gateway"."idempotency_keys" WHERE "merchant_id" = $1 AND "key" = $2`, [merchant, key]);
    expect(row.response_body).toMatch(/^v1\./);
    expect(row.response_body).not.toContain('plaintextsecret');
  });

  describe('leases and expiry', () => {
    let service: IdempotencyService;
    const scope = (key: string): IdempotencyScope => ({ merchantId: merchant, livemode: false, key });

    beforeAll(() => {
      service = new IdempotencyService(app.get(IdempotencyKeysRepository), { secretsKey, leaseSeconds: 1, ttlSeconds: 2 });
    });

    it('lets a retry take over the key of a holder that crashed, once its lease ran out', async () => {
      const key = scope(newKey());
      const crashed = await service.admit(key, 'hash-1', 'req_crashed');
      expect(crashed.kind).toBe('claimed');
      expect((await service.admit(key, 'hash-1', 'req_early')).kind).toBe('in_use');
      expect((await service.admit(key, 'hash-2', 'req_other')).kind).toBe('mismatch');
      await waitUntil(async () => (await service.admit(key, 'hash-1', 'req_retry')).kind === 'claimed');

      // The crashed holder, had it come back, no longer holds the key; the retry's answer is the one kept.
      await service.settle({ scope: key, requestId: 'req_crashed' }, { status: 200, body: { id: 'thing_stale' } });
      await service.settle({ scope: key, requestId: 'req_retry' }, { status: 200, body: { id: 'thing_retry' } });
      const replay = await service.admit(key, 'hash-1', 'req_later');
      expect(replay).toEqual({ kind: 'replay', originalRequestId: 'req_retry', answer: { status: 200, body: { id: 'thing_retry' } } });
    });

    it('forgets a key after its time: it may be used again, with any parameters, and is purged', async () => {
      const repository = app.get(IdempotencyKeysRepository);
      const reused = scope(newKey());
      const forgotten = scope(newKey());
      for (const key of [reused, forgotten]) {
        expect((await service.admit(key, 'hash-1', `req_${key.key}`)).kind).toBe('claimed');
        await service.settle({ scope: key, requestId: `req_${key.key}` }, { status: 200, body: { id: 'thing_first' } });
      }
      expect((await service.admit(reused, 'hash-2', 'req_too_soon')).kind).toBe('mismatch');
      await waitUntil(async () => (await repository.find(reused)) === undefined && (await repository.find(forgotten)) === undefined);

      const longLived = new IdempotencyService(repository, { secretsKey });
      expect((await longLived.admit(reused, 'hash-2', 'req_new')).kind).toBe('claimed');
      // Another edge sharing the database may purge too; what counts is which rows are left.
      await app.get(ExpiredKeysPurger).purge();
      const rows = await app.get(DataSource).query(
        `SELECT "key", "request_id" FROM "gateway"."idempotency_keys" WHERE "merchant_id" = $1 AND "key" IN ($2, $3)`,
        [merchant, reused.key, forgotten.key],
      );
      expect(rows).toEqual([{ key: reused.key, request_id: 'req_new' }]);
    });
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await sleep(50);
  }
}
