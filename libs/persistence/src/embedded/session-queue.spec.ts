import { lastTransactionStatus } from './session-queue.js';

const message = (type: string, body: number[]): Buffer => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, Buffer.from(body)]);
};
const readyForQuery = (status: string) => message('Z', [status.charCodeAt(0)]);

describe('lastTransactionStatus', () => {
  it('reads the status of the last ReadyForQuery of a reply that holds several cycles', () => {
    const reply = Buffer.concat([message('C', [...Buffer.from('SELECT 1\0')]), readyForQuery('T'), message('C', [0]), readyForQuery('I')]);
    expect(String.fromCharCode(lastTransactionStatus(reply)!)).toBe('I');
    expect(String.fromCharCode(lastTransactionStatus(reply.subarray(0, 20))!)).toBe('T');
  });

  it('reads a reply that is a view into a larger buffer at an odd offset', () => {
    const backing = Buffer.concat([Buffer.from([1, 2, 3]), message('C', [0]), readyForQuery('E')]);
    expect(String.fromCharCode(lastTransactionStatus(new Uint8Array(backing.buffer, backing.byteOffset + 3, backing.length - 3))!)).toBe('E');
  });

  it('says the cycle is not over when there is no ReadyForQuery yet', () => {
    expect(lastTransactionStatus(message('1', []))).toBeNull();
  });

  it('gives up on bytes that are not backend messages instead of looping on them', () => {
    expect(lastTransactionStatus(Buffer.from([0x44, 0xff, 0xff, 0xff, 0xff, 0x00]))).toBeNull();
    expect(lastTransactionStatus(Buffer.from([0x44, 0x00, 0x00, 0x00, 0x00, 0x00]))).toBeNull();
  });
});
