import type { Request } from 'express';

/** Three base64url parts, the last possibly empty (an unsigned `alg: none` token must be refused as a token). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** API keys never look like this: `sk_test_…` has no dots. */
export function looksLikeJwt(value: string): boolean {
  return JWT_SHAPE.test(value);
}

/** The bearer value when it is shaped like a JWT (an access token); API keys never are. */
export function bearerAccessToken(req: Request): string | undefined {
  const [scheme, value] = (req.header('authorization') ?? '').split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && value && looksLikeJwt(value.trim()) ? value.trim() : undefined;
}
