import { createHash, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3_0 = 196608;
const PASSWORD_MESSAGE = 0x70; // 'p'
/** Postgres's own bound on a startup packet. */
const MAX_STARTUP_LENGTH = 10_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const AUTHENTICATION_CLEARTEXT_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

export interface EmbeddedCredentials {
  user: string;
  password: string;
}

/**
 * PGlite trusts whoever connects, and pglite-socket has no authentication, so a connection passes this
 * gate first: SSL and GSS encryption declined, the startup message read, the password asked for and
 * compared, as Postgres's `password` method does. Cleartext is enough here: the server listens on
 * loopback only, where reading another user's traffic takes the privileges that read the data dir too.
 *
 * Resolves with the bytes PGlite must see next (the startup message, then whatever the client sent
 * after its password), the socket paused; or null once the connection has been refused and closed.
 */
export function passwordGate(socket: Socket, expected: EmbeddedCredentials): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let startup: Buffer | null = null;
    let user = '';

    const finish = (replay: Buffer | null): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onClose);
      if (replay) socket.pause();
      resolve(replay);
    };
    const refuse = (code: string, message: string): void => {
      socket.on('error', () => undefined);
      socket.end(errorResponse(code, message), () => socket.destroy());
      finish(null);
    };
    const onClose = (): void => {
      socket.destroy();
      finish(null);
    };
    const timer = setTimeout(() => refuse('08P01', 'authentication timed out'), HANDSHAKE_TIMEOUT_MS);

    const step = (): void => {
      for (;;) {
        if (!startup) {
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (length < 8 || length > MAX_STARTUP_LENGTH) return refuse('08P01', 'invalid length of startup packet');
          if (buffered.length < length) return;
          const packet = buffered.subarray(0, length);
          buffered = buffered.subarray(length);
          const code = packet.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
            continue;
          }
          // PGlite has no backend to cancel.
          if (code === CANCEL_REQUEST) return onClose();
          if (code !== PROTOCOL_3_0) return refuse('0A000', 'unsupported frontend protocol');
          startup = Buffer.from(packet);
          user = startupParameters(packet).get('user') ?? '';
          socket.write(AUTHENTICATION_CLEARTEXT_PASSWORD);
          continue;
        }
        if (buffered.length < 5) return;
        const length = buffered.readInt32BE(1);
        if (buffered[0] !== PASSWORD_MESSAGE || length < 5 || length > MAX_STARTUP_LENGTH) return refuse('08P01', 'expected a password response');
        if (buffered.length < 1 + length) return;
        const password = buffered.subarray(5, length).toString('utf8'); // without its terminating NUL
        const rest = buffered.subarray(1 + length);
        const accepted = sameSecret(user, expected.user) && sameSecret(password, expected.password);
        if (!accepted) return refuse('28P01', `password authentication failed for user "${user.slice(0, 63)}"`);
        return finish(Buffer.concat([startup, rest]));
      }
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      step();
    };

    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onClose);
  });
}

function startupParameters(packet: Buffer): Map<string, string> {
  const fields = packet.subarray(8).toString('utf8').split('\0');
  const parameters = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length && fields[i] !== ''; i += 2) parameters.set(fields[i], fields[i + 1]);
  return parameters;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A FATAL ErrorResponse, as Postgres sends before closing a connection it refuses. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = 0x45; // 'E'
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
