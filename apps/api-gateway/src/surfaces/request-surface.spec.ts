import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { GatewayApiClientController } from './gateway-api/client.controller.js';
import { GatewayApiDashboardController } from './gateway-api/dashboard.controller.js';
import { GatewayApiGatewaysController } from './gateway-api/gateways.controller.js';
import { GatewayApiPaymentsController } from './gateway-api/payments.controller.js';
import { GatewayApiRefundsController } from './gateway-api/refunds.controller.js';
import { MpesaApiController } from './mpesa-api/mpesa-api.controller.js';
import { PaymentEngineController } from './payment-engine/payment-engine.controller.js';
import { surfaceOf, type RequestSurface } from './request-surface.js';

const SIGNED = { 'x-api-key': 'key_1', 'x-api-timestamp': '1700000000', 'x-api-nonce': 'n1', 'x-api-signature': 'ab' };

function request(method: string, path: string, headers: Record<string, string> = {}) {
  return { method, path, header: (name: string) => headers[name.toLowerCase()] };
}

/** Every route a controller declares, as `METHOD /path` with its parameters filled in. */
function routesOf(controller: Type): Array<{ method: string; path: string }> {
  const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string;
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => prototype[name])
    .filter((handler): handler is object => typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined)
    .map((handler) => {
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      return { method, path: `/${[prefix, path].filter((part) => part && part !== '/').join('/')}`.replace(/:[a-z_]+/gi, 'x_1') };
    });
}

describe('surfaceOf', () => {
  it.each<[Type, RequestSurface]>([
    [GatewayApiClientController, 'gateway-api'],
    [GatewayApiDashboardController, 'gateway-api'],
    [GatewayApiGatewaysController, 'gateway-api'],
    [GatewayApiPaymentsController, 'gateway-api'],
    [GatewayApiRefundsController, 'gateway-api'],
    [PaymentEngineController, 'payment-engine'],
    [MpesaApiController, 'mpesa-api'],
  ])('gives every route of %p to its surface', (controller, surface) => {
    const routes = routesOf(controller);
    expect(routes.length).toBeGreaterThan(0);
    for (const { method, path } of routes) {
      // The one route two documents share is decided by authentication (below), not by its path.
      if (method === 'GET' && path === '/api/v1/transactions') continue;
      expect({ method, path, surface: surfaceOf(request(method, path)) }).toEqual({ method, path, surface });
    }
  });

  it('gives GET /api/v1/transactions to the gateway API document when signed, to the Payment Engine otherwise', () => {
    expect(surfaceOf(request('GET', '/api/v1/transactions', SIGNED))).toBe('gateway-api');
    expect(surfaceOf(request('GET', '/api/v1/transactions/', SIGNED))).toBe('gateway-api');
    expect(surfaceOf(request('GET', '/api/v1/transactions'))).toBe('payment-engine');
    expect(surfaceOf(request('GET', '/api/v1/transactions', { authorization: 'Bearer sk_test_x' }))).toBe('payment-engine');
    // Only the list is shared: a signed transfer or a signed look-up of one transfer stays the Payment Engine's.
    expect(surfaceOf(request('POST', '/api/v1/transactions', SIGNED))).toBe('payment-engine');
    expect(surfaceOf(request('GET', '/api/v1/transactions/tr_1', SIGNED))).toBe('payment-engine');
  });

  it('matches as Express routes: any case, a trailing slash, a path parameter holding an encoded NUL', () => {
    expect(surfaceOf(request('POST', '/API/V1/PAY/'))).toBe('gateway-api');
    expect(surfaceOf(request('GET', '/api/v1/transaction/ord_%00'))).toBe('gateway-api');
    expect(surfaceOf(request('GET', '/api/v1/accounts/acct_%00/balance'))).toBe('payment-engine');
    expect(surfaceOf(request('GET', '/api/payment/transactions/%00/receipt'))).toBe('mpesa-api');
  });

  it("leaves OAuth's endpoints to OAuth, and Payrail's API and paths no surface serves to Payrail", () => {
    expect(surfaceOf(request('POST', '/oauth/token'))).toBe('oauth');
    expect(surfaceOf(request('POST', '/v1/customers'))).toBe('payrail');
    expect(surfaceOf(request('POST', '/api/v1/auth/login'))).toBe('payrail');
    expect(surfaceOf(request('GET', '/api/v1/unknown'))).toBe('payrail');
    expect(surfaceOf(request('GET', '/api/v1/payments'))).toBe('payrail');
    expect(surfaceOf(request('GET', '/api/v1/transactionsx'))).toBe('payrail');
  });
});
