import type { IncomingMessage } from 'node:http';
import { isWebSocketUpgrade } from './plain-http-upgrade.js';

const asking = (upgrade: string | undefined) => ({ headers: upgrade === undefined ? {} : { upgrade } }) as IncomingMessage;

describe('isWebSocketUpgrade', () => {
  it.each([['websocket'], ['WebSocket'], ['h2c, websocket']])('takes %s to the stream server', (upgrade) => {
    expect(isWebSocketUpgrade(asking(upgrade))).toBe(true);
  });

  it.each([['h2c'], ['HTTP/2.0'], ['TLS/1.2'], [''], [undefined]])('answers an upgrade to %s as plain HTTP', (upgrade) => {
    expect(isWebSocketUpgrade(asking(upgrade))).toBe(false);
  });
});
