import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { FakeBus, startEdgeController } from '../testing/edge-controller-under-test.js';
import { DocsController } from './docs.controller.js';

let app: INestApplication;

beforeAll(async () => {
  app = await startEdgeController(DocsController, new FakeBus());
});

afterAll(() => app.close());

describe('the served reference', () => {
  it('serves the committed openapi.json at /openapi.json, without an API key', async () => {
    const committed: unknown = JSON.parse(await readFile(new URL('../../../../openapi.json', import.meta.url), 'utf8'));
    const response = await request(app.getHttpServer()).get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual(committed);
  });

  it('renders it at /docs with Swagger UI', async () => {
    const page = await request(app.getHttpServer()).get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain("url: '/openapi.json'");
    const script = await request(app.getHttpServer()).get('/docs/assets/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });
});
