import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { StreamCloseCodes, StreamConnection } from './stream-connection.js';

/** What StreamConnection uses of a `ws` socket: frames sent, bytes queued, and how it was ended. */
class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  pings = 0;
  closedWith: [number, string] | undefined;
  terminated = false;
  send(data: string): void {
    this.sent.push(data);
  }
  ping(): void {
    this.pings += 1;
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
  terminate(): void {
    this.terminated = true;
    this.emit('close');
  }
}

describe('StreamConnection', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const connect = (socket: FakeSocket) => new StreamConnection(socket as unknown as WebSocket, { heartbeatMs: 1000, maxBufferedBytes: 100 });

  it('pings every heartbeat, and cuts a client that did not answer the previous ping', () => {
    const socket = new FakeSocket();
    const connection = connect(socket);
    jest.advanceTimersByTime(1000);
    expect(socket.pings).toBe(1);
    socket.emit('pong');
    jest.advanceTimersByTime(1000);
    expect(socket.pings).toBe(2);
    expect(socket.terminated).toBe(false);

    jest.advanceTimersByTime(1000);
    expect(socket.terminated).toBe(true);
    expect(connection.isOpen).toBe(false);
  });

  it('drops a client that lets too much queue up, instead of buffering for it', () => {
    const socket = new FakeSocket();
    const connection = connect(socket);
    const closed = jest.fn();
    connection.onClose(closed);
    expect(connection.send({ id: 'evt_1' })).toBe(true);
    expect(socket.sent).toEqual(['{"id":"evt_1"}']);

    socket.bufferedAmount = 101;
    expect(connection.send({ id: 'evt_2' })).toBe(false);
    expect(socket.sent).toHaveLength(1);
    expect(socket.closedWith).toEqual([StreamCloseCodes.SlowClient, 'slow_client']);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(connection.send({ id: 'evt_3' })).toBe(false);

    // One that does not read the close frame either is cut.
    jest.advanceTimersByTime(5000);
    expect(socket.terminated).toBe(true);
  });
});
