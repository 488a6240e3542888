import http from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

type Initializer = (this: unknown, ...args: unknown[]) => void;

/**
 * Express hands every request and response its app's prototypes (`Object.setPrototypeOf` in `app.handle`).
 * A prototype changed on a young object costs far more than the call: V8 then keeps each request and
 * response, and everything reachable from them, alive through the next scavenge, which promotes them to the
 * old generation. Measured at the edge: ~3 MB promoted per scavenge at one balance read at a time (its p99 is
 * the scavenges' pauses); a bare Express app on this machine: 6–10 MB per scavenge, against 0.5 KB once its
 * requests are born with those prototypes. So the server here makes them with the app's prototypes from the
 * start, and Express's own `setPrototypeOf` finds nothing to change.
 */
export class EdgeExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // HTTPS, 503 on closing and tracked connections are Nest's own business, and the edge uses none of them.
    if (options?.httpsOptions || options?.return503OnClosing || options?.forceCloseConnections || !constructorsAreFunctions()) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    this.httpServer = http.createServer(
      { IncomingMessage: bornWith(app.request, http.IncomingMessage), ServerResponse: bornWith(app.response, http.ServerResponse) },
      app,
    );
  }
}

/** A constructor for Node's `base` whose instances have `prototype` from birth. */
function bornWith<T>(prototype: object, base: T): T {
  const initialize = base as unknown as Initializer;
  function Born(this: unknown, ...args: unknown[]): void {
    initialize.call(this, ...args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}

/**
 * Node's IncomingMessage and ServerResponse are plain functions (they are on Node 20 and 22), so they can
 * initialise an object made elsewhere; were a later Node to make them classes, the edge keeps Node's own.
 */
function constructorsAreFunctions(): boolean {
  return [http.IncomingMessage, http.ServerResponse].every((constructor) => !Function.prototype.toString.call(constructor).startsWith('class'));
}
