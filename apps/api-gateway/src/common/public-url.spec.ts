import type { INestApplication } from '@nestjs/common';
import type { Request } from 'express';
import { oauthIssuer } from '../oauth/oauth-issuer.js';
import { absoluteUrl, publicBaseUrl, usePublicUrls, type EdgePublicUrls } from './public-url.js';

/** A request on an edge app configured with `urls`, as Express hands it to a controller. */
function requestOn(urls: EdgePublicUrls | undefined): Request {
  const locals: Record<string, unknown> = {};
  if (urls) usePublicUrls({ getHttpAdapter: () => ({ getInstance: () => ({ locals }) }) } as unknown as INestApplication, urls);
  return { app: { locals }, protocol: 'http', get: (header: string) => (header === 'host' ? 'edge.internal:3000' : undefined) } as unknown as Request;
}

describe('the edge public URLs', () => {
  it('answer with the host the request came in on when none is configured', () => {
    const req = requestOn(undefined);
    expect([publicBaseUrl(req), oauthIssuer(req), absoluteUrl('/receipts/ch_1', req)]).toEqual([
      'http://edge.internal:3000',
      'http://edge.internal:3000',
      'http://edge.internal:3000/receipts/ch_1',
    ]);
  });

  it('use the configured public URL for links and as the default issuer', () => {
    const req = requestOn({ publicUrl: 'https://pay.example.com/' });
    expect([publicBaseUrl(req), oauthIssuer(req), absoluteUrl('/receipts/ch_1', req)]).toEqual([
      'https://pay.example.com',
      'https://pay.example.com',
      'https://pay.example.com/receipts/ch_1',
    ]);
  });

  it('use the configured issuer for OAuth only', () => {
    const req = requestOn({ publicUrl: 'https://pay.example.com', oauthIssuer: 'https://auth.example.com/' });
    expect([publicBaseUrl(req), oauthIssuer(req)]).toEqual(['https://pay.example.com', 'https://auth.example.com']);
  });
});
