import { lastTransactionStatus } from './session-queue.js';

const message = (type: string, body: number[]): Buffer => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, Buffer.from(body)]);
};
const readyForQuery = (status: string) => message('Z', [status.charCodeAt(0)]);

describe('lastTransactionStatus', () => {
  it('reads the status of the last ReadyForQuery, across chunk boundaries', () => {
    const reply = Buffer.concat([message('C', [...Buffer.from('SELECT 1\0')]), readyForQuery('T'), message('C', [0]), readyForQuery('I')]);
    expect(String.fromCharCode(lastTransactionStatus([reply.subarray(0, 7), reply.subarray(7, 20), reply.subarray(20)])!)).toBe('I');
    expect(String.fromCharCode(lastTransactionStatus([reply.subarray(0, 20)])!)).toBe('T');
  });

  it('says the cycle is not over when there is no ReadyForQuery yet', () => {
    expect(lastTransactionStatus([message('1', [])])).toBeNull();
  });

  it('gives up on bytes that are not backend messages instead of looping on them', () => {
    expect(lastTransactionStatus([Buffer.from([0x44, 0xff, 0xff, 0xff, 0xff, 0x00])])).toBeNull();
    expect(lastTransactionStatus([Buffer.from([0x44, 0x00, 0x00, 0x00, 0x00, 0x00])])).toBeNull();
  });
});
