import express, { type Express, type Request } from 'express';
import qs from 'qs';
import { FORM_PARSE_OPTIONS } from './parameter-limits.js';
import type { EdgeRequest } from './request-id.middleware.js';

/**
 * API bodies are small (full metadata is ~30 kB). The cap keeps any request, even base64-encoded for
 * signature verification in auth, well inside Kafka's default 1 MB message size.
 */
const BODY_LIMIT = '256kb';

function keepRawBody(req: Request, _res: unknown, buffer: Buffer): void {
  (req as EdgeRequest).rawBody = buffer;
}

/**
 * JSON and Stripe's form encoding (`metadata[k]=v`, `payment_method_types[]=card`, `expand[0]=x`), each
 * keeping the raw bytes for request signatures. Query strings are parsed the same way. Neither parser
 * recurses (V8's JSON.parse is iterative; qs stops at its depth), so a deeply nested body is only
 * refused afterwards, by the parameter walk.
 */
export function installBodyParsers(app: Express): void {
  app.set('query parser', (query: string) => qs.parse(query, FORM_PARSE_OPTIONS));
  app.use(express.json({ limit: BODY_LIMIT, verify: keepRawBody, type: ['application/json', 'application/*+json'] }));
  app.use(express.raw({ limit: BODY_LIMIT, type: 'application/x-www-form-urlencoded', verify: keepRawBody }));
  app.use((req: Request, _res: unknown, next: () => void) => {
    if (req.is('application/x-www-form-urlencoded') && Buffer.isBuffer(req.body)) {
      req.body = qs.parse(req.body.toString('utf8'), FORM_PARSE_OPTIONS);
    }
    next();
  });
}
