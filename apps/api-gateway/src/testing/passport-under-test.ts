import type { Request } from 'express';
import passport from 'passport';
import type { AuthenticatedCredential } from '../authentication/authenticated-credential.js';

/**
 * Runs one strategy as the edge's guard does, through a Passport Authenticator of its own: resolves with
 * the credential, rejects with what the strategy refused it with (never a bare Passport failure).
 */
export function authenticateThroughPassport(strategy: passport.Strategy, req: Request): Promise<AuthenticatedCredential> {
  const authenticator = new passport.Authenticator().use('under-test', strategy);
  return new Promise((resolve, reject) => {
    const done = (error: unknown, credential: AuthenticatedCredential | false, challenge: unknown) => {
      if (credential) resolve(credential);
      else reject(error ?? new Error(`the strategy failed without an error: ${String(challenge)}`));
    };
    authenticator.authenticate('under-test', { session: false }, done)(req, {}, (error?: unknown) => reject(error ?? new Error('the strategy passed')));
  });
}

/** A request as Express would hand it to the guard, with these headers (names in any case). */
export function requestWithHeaders(headers: Record<string, string>, extra: Partial<Request> = {}): Request {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const header = (name: string) => lower.get(name.toLowerCase());
  return { header, get: header, headers: Object.fromEntries(lower), protocol: 'https', method: 'GET', originalUrl: '/', ...extra } as unknown as Request;
}
