const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

describe('the edge\'s health endpoints', () => {
  const probe = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('is ready on what the edge itself needs: its database and its broker, checked on each probe', async () => {
    expect(await probe('/health/ready')).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', broker: 'up' } } });
  });

  it('reports every service on the platform status, and answers liveness without asking anyone', async () => {
    const status = await probe('/health');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'ok', services: { 'api-gateway': 'up', auth: 'up', payments: 'up', refunds: 'up', 'gateway-connectors': 'up', 'webhook-dispatch': 'up' } });
    expect(await probe('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
