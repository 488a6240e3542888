import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const COOKIE = 'payrail_checkout_csrf';

/**
 * Double-submit token for the hosted page's form: a random value set as a SameSite=Strict cookie
 * scoped to this session's page and repeated in a hidden field. A cross-site form cannot read or send
 * the cookie, so its post is refused. The browser's `Origin`, when sent, must also be the edge's own.
 */
export function issueCsrfToken(res: Response, req: Request, sessionId: string): string {
  const token = randomBytes(24).toString('base64url');
  res.cookie(COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: `/checkout/${encodeURIComponent(sessionId)}`,
    maxAge: 24 * 60 * 60 * 1000,
  });
  return token;
}

/** `origins`: where the edge is reached (its public URL, the host of this request). */
export function csrfAccepted(req: Request, presented: string, origins: string[]): boolean {
  const cookie = cookieValue(req.headers.cookie, COOKIE);
  if (!cookie || !presented) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(presented);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
  const origin = req.get('origin');
  // `null` says nothing (privacy settings, no-referrer pages): the SameSite cookie alone decides then.
  return origin === undefined || origin === 'null' || origins.includes(origin);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
