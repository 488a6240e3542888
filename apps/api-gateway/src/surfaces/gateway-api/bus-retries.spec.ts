import type { ArgumentsHost } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';
import { retryingBusFailures } from './bus-retries.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';

/** What the filter wrote: status, headers and body. */
function answered(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const written = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (written.headers[name] = value),
    status: (code: number) => ((written.status = code), res),
    json: (body: unknown) => (written.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new GatewayApiExceptionFilter().catch(exception, host);
  return written;
}

describe('retryingBusFailures', () => {
  const lost = () => new PayrailError('upstream_timeout', 'The request took too long to complete. Please retry with the same idempotency key.');

  it('sends again after a lost reply or an unreachable broker, and answers what the third try got', async () => {
    const failures: unknown[] = [lost(), new Error('The broker could not be reached')];
    let tries = 0;
    await expect(retryingBusFailures(async () => (tries++, failures.length ? Promise.reject(failures.shift()) : 'made'))).resolves.toBe('made');
    expect(tries).toBe(3);
  });

  it('never sends again when the service answered with a refusal', async () => {
    let tries = 0;
    const refused = new PayrailError('parameter_invalid', 'The order_id ORD-1 has already been used.', { param: 'order_id' });
    await expect(retryingBusFailures(() => (tries++, Promise.reject(refused)))).rejects.toBe(refused);
    expect(tries).toBe(1);
  });

  it('answers the document\'s error body as a retryable 503 with Retry-After when the bus fails all three tries', async () => {
    let tries = 0;
    const failure = await retryingBusFailures(() => (tries++, Promise.reject(lost()))).catch((error: unknown) => error);
    expect(tries).toBe(3);
    expect(failure).toMatchObject({ code: 'service_unavailable' });
    const { status, headers, body } = answered(failure);
    expect(status).toBe(503);
    expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(body).toEqual({ success: false, message: expect.stringMatching(/^The payment service is temporarily unavailable\. Retry the same request.*error id err_\w+/), code: 503 });
    // Not the /v1 advice, which names an idempotency key this document has not.
    expect(JSON.stringify(body)).not.toContain('idempotency');
  });
});
