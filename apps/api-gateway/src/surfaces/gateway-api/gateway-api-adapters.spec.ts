import type { NextFunction, Request, Response } from 'express';
import { PayrailError } from '@payrail/errors';
import { minorAmount } from './document-amount.js';
import { documentRange } from './document-range.js';
import { GATEWAY_API_TRANSACTIONS_ROUTE, routeSignedTransactionListToGatewayApi } from './shared-paths.middleware.js';

function routed(method: string, url: string, headers: Record<string, string>): string {
  const req = { method, url, header: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  let nextCalled = false;
  routeSignedTransactionListToGatewayApi(req, {} as Response, (() => (nextCalled = true)) as NextFunction);
  expect(nextCalled).toBe(true);
  return req.url;
}

describe('the gateway API document adapters', () => {
  it('converts major-unit amounts exactly with the currency exponent, refusing extra decimals on amount', () => {
    expect(minorAmount(1500.0, 'INR')).toBe(150000);
    expect(minorAmount(19.99, 'USD')).toBe(1999);
    expect(minorAmount(500, 'JPY')).toBe(500);
    expect(minorAmount(1.234, 'KWD')).toBe(1234);
    expect(() => minorAmount(10.001, 'INR')).toThrow(expect.objectContaining({ param: 'amount' }) as PayrailError);
    expect(() => minorAmount(10, 'XYZ')).toThrow(expect.objectContaining({ param: 'currency' }) as PayrailError);
  });

  it('reads from_date and to_date as UTC days or instants, to_date inclusive', () => {
    expect(documentRange(undefined, undefined)).toBeUndefined();
    expect(documentRange('2026-06-18', '2026-06-18')).toEqual({ gte: Date.UTC(2026, 5, 18) / 1000, lt: Date.UTC(2026, 5, 19) / 1000 });
    expect(documentRange('2026-06-18 20:00:00', undefined)).toEqual({ gte: Date.UTC(2026, 5, 18, 20) / 1000 });
    expect(documentRange(undefined, '2026-06-18T20:00:00+02:00')).toEqual({ lt: Date.UTC(2026, 5, 18, 18) / 1000 + 1 });
    expect(() => documentRange('2026-06-19', '2026-06-18')).toThrow(expect.objectContaining({ param: 'to_date' }) as PayrailError);
  });

  it('routes a signed GET /api/v1/transactions to this surface, keeping its query, and nothing else', () => {
    const signed = { 'x-api-signature': 'abc' };
    expect(routed('GET', '/api/v1/transactions?page=2&status=success', signed)).toBe(`/${GATEWAY_API_TRANSACTIONS_ROUTE}?page=2&status=success`);
    expect(routed('GET', '/api/v1/transactions', signed)).toBe(`/${GATEWAY_API_TRANSACTIONS_ROUTE}`);
    expect(routed('GET', '/api/v1/transactions?limit=5', { authorization: 'Bearer sk_test_x' })).toBe('/api/v1/transactions?limit=5');
    expect(routed('POST', '/api/v1/transactions', signed)).toBe('/api/v1/transactions');
    expect(routed('GET', '/api/v1/transactions/tr_1', signed)).toBe('/api/v1/transactions/tr_1');
  });
});
