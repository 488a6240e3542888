import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import type { RevokedAccessTokensParams, RevokedAccessTokensResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import { RevokedAccessTokens, type AccessTokenIdentity, type PollingClock } from './revoked-access-tokens.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const inSeconds = (ms: number) => Math.floor(ms / 1000);

/** A verified token as the deny list sees it; by default a client's, issued a minute before T0. */
function token(jti: string, sub = 'cli_any', iat = inSeconds(T0) - 60): AccessTokenIdentity {
  return { jti, sub, iat };
}

/** Time that moves only when the test says, and an interval the test fires by hand. */
class FakeClock implements PollingClock {
  current = T0;
  intervals: { ms: number; tick: () => void }[] = [];

  now(): number {
    return this.current;
  }

  every(ms: number, tick: () => void): () => void {
    const interval = { ms, tick };
    this.intervals.push(interval);
    return () => void (this.intervals = this.intervals.filter((each) => each !== interval));
  }

  /** Moves time on by `ms`, firing the intervals as often as they would have fired. */
  advance(ms: number): void {
    const from = this.current;
    this.current += ms;
    for (const { ms: every, tick } of [...this.intervals]) {
      for (let at = Math.floor((from - T0) / every) + 1; T0 + at * every <= this.current; at++) tick();
    }
  }
}

/** The auth service's feed, answering each request when the test says. */
class FakeFeed {
  requests: RevokedAccessTokensParams[] = [];
  private pending: { resolve: (result: RevokedAccessTokensResult) => void; reject: (error: Error) => void }[] = [];

  readonly client = {
    send: (_pattern: string, params: RevokedAccessTokensParams) => {
      this.requests.push(params);
      return new Promise<RevokedAccessTokensResult>((resolve, reject) => this.pending.push({ resolve, reject }));
    },
  } as unknown as MessageClient;

  get waiting(): number {
    return this.pending.length;
  }

  async answer(result: RevokedAccessTokensResult): Promise<void> {
    this.pending.shift()!.resolve(result);
    await settle();
  }

  async fail(error = new PayrailError('upstream_timeout', 'The request took too long to complete.')): Promise<void> {
    this.pending.shift()!.reject(error);
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function started(pollMs = 2_000): { list: RevokedAccessTokens; feed: FakeFeed; clock: FakeClock } {
  const clock = new FakeClock();
  const feed = new FakeFeed();
  const list = new RevokedAccessTokens(feed.client, pollMs, clock);
  list.onModuleInit();
  return { list, feed, clock };
}

function unavailable(list: RevokedAccessTokens, jti = 'jti_any'): PayrailError | undefined {
  try {
    list.isRevoked(token(jti));
    return undefined;
  } catch (error) {
    if (error instanceof PayrailError) return error;
    throw error;
  }
}

describe('RevokedAccessTokens (the edge\'s jti deny list)', () => {
  const warnings: string[] = [];
  const quiet = (): void => undefined;
  const capture: LoggerService = { log: quiet, error: quiet, warn: (message: string) => void warnings.push(message) };
  beforeAll(() => Logger.overrideLogger(capture));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));
  beforeEach(() => void warnings.splice(0));

  it('starts polling at once without waiting for an answer, and takes no token before the first load', async () => {
    const { list, feed } = started();
    expect(feed.requests).toEqual([{}]);
    const error = unavailable(list);
    expect(error).toMatchObject({ code: 'service_unavailable', status: 503, options: { details: { retry_after: 2 } } });
    expect(error?.message).toMatch(/^Token revocation status is unavailable/);

    await feed.answer({ revoked: [{ jti: 'jti_revoked', exp: inSeconds(T0) + 600 }], revokedSubjects: [], asOf: T0 - 5 });
    expect(list.isRevoked(token('jti_revoked'))).toBe(true);
    expect(list.isRevoked(token('jti_fine'))).toBe(false);
  });

  it('asks for what was revoked since the last answer, less a minute for revocations that committed late', async () => {
    const { list, feed, clock } = started();
    await feed.answer({ revoked: [{ jti: 'jti_1', exp: inSeconds(T0) + 600 }], revokedSubjects: [], asOf: T0 });
    clock.advance(2_000);
    expect(feed.requests[1]).toEqual({ since: T0 - 60_000 });
    await feed.answer({ revoked: [{ jti: 'jti_2', exp: inSeconds(T0) + 600 }], revokedSubjects: [], asOf: T0 + 2_000 });
    clock.advance(2_000);
    expect(feed.requests[2]).toEqual({ since: T0 + 2_000 - 60_000 });
    expect([list.isRevoked(token('jti_1')), list.isRevoked(token('jti_2'))]).toEqual([true, true]);
  });

  it('forgets a revoked token once it has expired beyond the clock tolerance', async () => {
    const { list, feed, clock } = started();
    await feed.answer({ revoked: [{ jti: 'jti_short', exp: inSeconds(T0) + 5 }, { jti: 'jti_long', exp: inSeconds(T0) + 600 }], revokedSubjects: [], asOf: T0 });
    clock.advance(30_000);
    await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 + 30_000 });
    expect(list.isRevoked(token('jti_short'))).toBe(true); // 25 s past exp: the verifier would still take it
    clock.advance(10_000);
    while (feed.waiting) await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 + 40_000 });
    expect(list.isRevoked(token('jti_short'))).toBe(false);
    expect(list.isRevoked(token('jti_long'))).toBe(true);
  });

  it('refuses every token of a revoked subject issued up to its revocation, and takes the subject\'s later ones and others\'', async () => {
    const { list, feed } = started();
    const revokedAt = inSeconds(T0);
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_revoked', issuedUpTo: revokedAt, exp: revokedAt + 960 }], asOf: T0 });
    expect(list.isRevoked(token('jti_a', 'cli_revoked', revokedAt - 600))).toBe(true);
    expect(list.isRevoked(token('jti_b', 'cli_revoked', revokedAt))).toBe(true);
    expect(list.isRevoked(token('jti_c', 'cli_revoked', revokedAt + 1))).toBe(false);
    expect(list.isRevoked(token('jti_a', 'cli_other', revokedAt - 600))).toBe(false);
  });

  it('keeps revoked subjects across incremental polls, widening a subject revoked again, never narrowing it', async () => {
    const { list, feed, clock } = started();
    const at = inSeconds(T0);
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_1', issuedUpTo: at, exp: at + 960 }], asOf: T0 });
    clock.advance(2_000);
    expect(feed.requests[1]).toEqual({ since: T0 - 60_000 });
    // An answer that no longer lists cli_1 (revoked before `since`) leaves it be.
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_2', issuedUpTo: at + 2, exp: at + 962 }], asOf: T0 + 2_000 });
    expect(list.isRevoked(token('jti_1', 'cli_1', at))).toBe(true);
    expect(list.isRevoked(token('jti_2', 'cli_2', at + 2))).toBe(true);
    clock.advance(2_000);
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_1', issuedUpTo: at + 4, exp: at + 964 }], asOf: T0 + 4_000 });
    expect(list.isRevoked(token('jti_3', 'cli_1', at + 4))).toBe(true);
    clock.advance(2_000);
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_1', issuedUpTo: at, exp: at + 960 }], asOf: T0 + 6_000 });
    expect(list.isRevoked(token('jti_3', 'cli_1', at + 4))).toBe(true);
  });

  it('forgets a revoked subject once its tokens have all expired beyond the clock tolerance', async () => {
    const { list, feed, clock } = started();
    const at = inSeconds(T0);
    await feed.answer({ revoked: [], revokedSubjects: [{ sub: 'cli_short', issuedUpTo: at, exp: at + 5 }, { sub: 'cli_long', issuedUpTo: at, exp: at + 960 }], asOf: T0 });
    clock.advance(30_000);
    await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 + 30_000 });
    expect(list.isRevoked(token('jti_1', 'cli_short', at))).toBe(true); // 25 s past exp: within the tolerance
    clock.advance(10_000);
    while (feed.waiting) await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 + 40_000 });
    expect(list.isRevoked(token('jti_1', 'cli_short', at))).toBe(false);
    expect(list.isRevoked(token('jti_1', 'cli_long', at))).toBe(true);
  });

  it('survives a failed poll, keeps its list until it is 15 s old, then refuses, and recovers with the next answer', async () => {
    const { list, feed, clock } = started();
    await feed.answer({ revoked: [{ jti: 'jti_1', exp: inSeconds(T0) + 600 }], revokedSubjects: [], asOf: T0 });
    for (let i = 0; i < 7; i++) {
      clock.advance(2_000);
      await feed.fail();
    }
    expect(warnings).toHaveLength(7);
    expect(warnings[0]).toBe('Refreshing the revoked access tokens failed: The request took too long to complete.');
    // 14 s without news: still trusted; the next poll keeps asking from the last good answer.
    expect(list.isRevoked(token('jti_1'))).toBe(true);
    expect(feed.requests.at(-1)).toEqual({ since: T0 - 60_000 });
    clock.advance(1_001);
    expect(unavailable(list)).toMatchObject({ code: 'service_unavailable' });
    clock.advance(999);
    await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 + 16_000 });
    expect(list.isRevoked(token('jti_1'))).toBe(true);
    expect(list.isRevoked(token('jti_2'))).toBe(false);
  });

  it('counts freshness from when it asked, not from when a slow answer arrived', async () => {
    const { list, feed, clock } = started();
    clock.advance(14_000); // the first answer takes 14 s; the ticks meanwhile wait for it
    expect(feed.requests).toHaveLength(1);
    await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 });
    clock.advance(1_001);
    expect(unavailable(list)).toMatchObject({ code: 'service_unavailable' });
  });

  it('stops polling on shutdown, once the poll in flight is done', async () => {
    const { list, feed, clock } = started();
    let stopped = false;
    const stopping = list.onModuleDestroy().then(() => void (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    await feed.answer({ revoked: [], revokedSubjects: [], asOf: T0 });
    await stopping;
    clock.advance(60_000);
    expect(feed.requests).toHaveLength(1);
  });
});
