import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { UserLoginParams, UserLoginResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { hashPassword, verifyPassword } from '@payrail/signing';
import type { ThrottleRefusal } from '../login-throttle/login-throttle.policy.js';
import { LoginThrottle } from '../login-throttle/login-throttle.service.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { UserSessionsService } from '../oauth/refresh-tokens/user-sessions.service.js';

function throttledLogin(refusal: ThrottleRefusal): PayrailError {
  if (refusal.reason === 'locked') {
    return new PayrailError('login_locked', `Too many failed logins: logging in with this username is locked until ${refusal.lockedUntil.toISOString()}.`, {
      details: { locked_until: Math.ceil(refusal.lockedUntil.getTime() / 1000), retry_after: refusal.retryAfterSeconds },
    });
  }
  return new PayrailError('login_throttled', `Too many failed logins: try again in ${refusal.retryAfterSeconds} s.`, {
    details: { retry_after: refusal.retryAfterSeconds },
  });
}

/**
 * A dashboard user's password login (first-party: RFC 9700 rules out the password grant). An unknown
 * user and a wrong password are one answer and cost the same scrypt; failures are throttled per username.
 */
@Injectable()
export class LoginService implements OnModuleInit {
  /** Checked in place of a user's hash when there is no such user, so that both take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly sessions: UserSessionsService,
  ) {}

  /** Made before the first login, so that the first unknown username costs no more than any other. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  async login(params: UserLoginParams): Promise<UserLoginResult> {
    const username = params.username.trim().toLowerCase();
    const subject = `user:${username}`;
    const admission = await this.throttle.admit(subject);
    if (!admission.admitted) throw throttledLogin(admission);

    const user = await this.users.findByUsername(username);
    const matches = await verifyPassword(params.password, user?.passwordHash ?? (await this.dummy()));
    if (!user || !matches) {
      await this.throttle.recordFailure(subject);
      throw new PayrailError('login_failed', 'Invalid username or password.');
    }
    if (admission.hadFailures) await this.throttle.clear(subject);
    return this.sessions.start(user, { livemode: params.livemode ?? false, issuer: params.issuer });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
    return this.dummyHash;
  }
}
