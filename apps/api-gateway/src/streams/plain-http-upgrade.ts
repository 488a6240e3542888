import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';

/** Whether the request asks for a WebSocket, the one protocol the edge upgrades to (RFC 6455 §4.1). */
export function isWebSocketUpgrade(request: IncomingMessage): boolean {
  return (request.headers.upgrade ?? '').split(',').some((protocol) => protocol.trim().toLowerCase() === 'websocket');
}

/**
 * Answers an upgrade to a protocol the edge does not speak (`h2c`: Java's HttpClient and `curl --http2` on
 * http://) as the plain HTTP/1.1 request it also is, as RFC 9110 §7.8 (RFC 7230 §6.7) has a server do. Once
 * the server has an 'upgrade' listener, Node gives every `Connection: Upgrade` request to it and none to the
 * routes, its HTTP parser already detached from the socket: the request goes back to the server as a new
 * connection whose first bytes are the request again without its Upgrade header, followed by whatever the
 * client sent after the headers, so that its body, and later requests on the socket, are read as usual.
 */
export function answerAsPlainHttp(server: Server, request: IncomingMessage, socket: Duplex, head: Buffer): void {
  const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i].toLowerCase() !== 'upgrade') lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
  }
  // Node decodes header bytes as latin1: encoding them back so restores them exactly.
  socket.unshift(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]));
  server.emit(socket instanceof TLSSocket ? 'secureConnection' : 'connection', socket);
}
