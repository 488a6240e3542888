import { RequestLogEntity } from './request-log.entity.js';
import { RequestLogWriter } from './request-log-writer.js';
import type { RequestLogsRepository } from './request-logs.repository.js';

function logNumbered(n: number): RequestLogEntity {
  return Object.assign(new RequestLogEntity(), { id: `req_${n}` });
}

describe('the request log writer', () => {
  it('writes nothing on the request path, then everything buffered in batches when it flushes', async () => {
    const batches: string[][] = [];
    const writer = new RequestLogWriter({ insertMany: async (logs: RequestLogEntity[]) => void batches.push(logs.map((log) => log.id)) } as unknown as RequestLogsRepository);
    for (let n = 0; n < 60; n++) writer.record(logNumbered(n));
    expect(batches).toEqual([]);
    await writer.flush();
    expect(batches.map((batch) => batch.length)).toEqual([25, 25, 10]);
    expect(batches.flat()).toEqual(Array.from({ length: 60 }, (_, n) => `req_${n}`));
    await writer.flush();
    expect(batches).toHaveLength(3);
  });

  it('writes a batch the database refuses row by row, so that only the row it will not take is lost', async () => {
    const written: string[] = [];
    const writer = new RequestLogWriter({
      insertMany: async (logs: RequestLogEntity[]) => {
        if (logs.some((log) => log.id === 'req_7')) throw new Error('invalid input syntax for type json');
        written.push(...logs.map((log) => log.id));
      },
    } as unknown as RequestLogsRepository);
    for (let n = 0; n < 250; n++) writer.record(logNumbered(n));
    await writer.flush();
    expect(written.sort()).toEqual(Array.from({ length: 250 }, (_, n) => `req_${n}`).filter((id) => id !== 'req_7').sort());
  });
});
