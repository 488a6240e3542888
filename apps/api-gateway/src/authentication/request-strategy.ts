import type { Request } from 'express';
import passport from 'passport';
import type { AuthenticatedCredential } from './authenticated-credential.js';

export type RequestVerifyCallback = (req: Request, done: (error: unknown, credential?: AuthenticatedCredential | null) => void) => void;

/**
 * The base of the edge's own Passport strategies (API keys, signed requests): hands the whole request
 * to its verify callback, which with @nestjs/passport's `PassportStrategy` mixin is the subclass's
 * `validate(req)`. A refusal is thrown as the PayrailError the client gets, so it reaches the guard as
 * Passport's `error`, never as a bare `fail`.
 */
export class RequestStrategy extends passport.Strategy {
  constructor(private readonly verify: RequestVerifyCallback) {
    super();
  }

  override authenticate(req: Request): void {
    this.verify(req, (error, credential) => {
      if (error) this.error(error);
      else if (credential) this.success(credential);
      else this.fail();
    });
  }
}
