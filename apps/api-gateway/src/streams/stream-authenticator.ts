import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Patterns, type ApiKeyType, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Application, Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { AuthenticationGuard } from '../authentication/authentication.guard.js';
import type { AuthenticatedRequest } from '../authentication/current-caller.decorator.js';
import type { KeyTypedRequest } from '../authentication/current-key-type.decorator.js';
import { StreamRoutes, type StreamRoute } from './stream-routes.js';

export interface StreamCaller {
  caller: Caller;
  keyType: ApiKeyType;
  /** The upgrade request as Express sees requests (headers, host, the app's settings), for URL building. */
  request: Request;
}

/** Headers a refusal must carry (the `WWW-Authenticate` challenge of a refused access token). */
export class RefusalHeaders {
  readonly headers = new Map<string, string>();
  setHeader(name: string, value: string): this {
    this.headers.set(name, value);
    return this;
  }
}

/**
 * Authenticates a WebSocket upgrade with the edge's guard, as if the request were an HTTP call to a
 * route declaring the stream's policy (see StreamRoutes). Throws the guard's PayrailError on refusal.
 */
@Injectable()
export class StreamAuthenticator {
  constructor(
    private readonly guard: AuthenticationGuard,
    private readonly adapterHost: HttpAdapterHost,
    private readonly client: MessageClient,
  ) {}

  async authenticate(upgrade: IncomingMessage, route: StreamRoute, refusal: RefusalHeaders): Promise<StreamCaller> {
    const request = this.asExpressRequest(upgrade);
    const context = new ExecutionContextHost([request, refusal, () => undefined], StreamRoutes, StreamRoutes.prototype[route]);
    await this.guard.canActivate(context);
    const authenticated = request as Request & AuthenticatedRequest & KeyTypedRequest;
    return { caller: authenticated.caller, keyType: authenticated.apiKeyType ?? 'publishable', request };
  }

  /**
   * The hosted checkout page following its payment: the Checkout Session's id (the page's own
   * credential) stands for the merchant as a publishable key would, so the PaymentIntent's client
   * secret is still required and checked. An unknown session is a 404.
   */
  async forCheckoutPage(upgrade: IncomingMessage, checkoutSession: string): Promise<StreamCaller> {
    const view = await this.client.send(Patterns.CheckoutSessionPage, { id: checkoutSession });
    return { caller: { merchantId: view.merchant_id, livemode: view.livemode }, keyType: 'publishable', request: this.asExpressRequest(upgrade) };
  }

  /** What Express's own first middleware does to every request: its methods and the app's settings. */
  private asExpressRequest(upgrade: IncomingMessage): Request {
    const app = this.adapterHost.httpAdapter.getInstance<Application & { request: Request }>();
    const request = Object.setPrototypeOf(upgrade, app.request) as Request;
    Object.assign(request, { originalUrl: upgrade.url ?? '/', rawBody: Buffer.alloc(0) });
    return request;
  }
}
