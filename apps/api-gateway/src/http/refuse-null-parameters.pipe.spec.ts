import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Patterns } from '@payrail/contracts';
import request from 'supertest';
import { CustomersController } from '../customers/customers.controller.js';
import { FakeBus, startEdgeController } from '../testing/edge-controller-under-test.js';

const bus = new FakeBus();
let app: INestApplication;

beforeAll(async () => {
  app = await startEdgeController(CustomersController, bus);
});

afterAll(() => app.close());

beforeEach(() => bus.reset());

describe('a JSON null where a parameter goes', () => {
  it.each([
    [{ phone: null }, 'phone'],
    [{ name: 'Ada', invoice_settings: { default_payment_method: null } }, 'invoice_settings[default_payment_method]'],
    [{ metadata: { order: null } }, 'metadata[order]'],
  ])('is a 400 naming it, and nothing is forwarded: %j', async (body, param) => {
    const response = await request(app.getHttpServer()).post('/v1/customers/cus_1').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param });
    expect(bus.sent).toEqual([]);
  });

  it('leaves bodies without null alone', async () => {
    bus.replies[Patterns.CustomerUpdate] = () => ({ id: 'cus_1' }) as never;
    const response = await request(app.getHttpServer()).post('/v1/customers/cus_1').send({ phone: '+15550100', description: '' });
    expect(response.status).toBe(200);
    expect(bus.sent).toHaveLength(1);
  });
});
