import { MerchantStanding } from '../merchants/merchant-standing.js';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { UserLoginParams, UserLoginResult, UserPasswordChangeParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { hashPassword, verifyPassword } from '@payrail/signing';
import { DataSource } from 'typeorm';
import { LoginThrottle, type AttemptRefusal } from '../login-throttle/login-throttle.service.js';
import type { UserEntity } from '../merchants/user.entity.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { acceptablePassword } from '../users/user-params.js';
import { UserSessionsService } from '../oauth/refresh-tokens/user-sessions.service.js';

/** The same words whichever counter refused, and whether or not the username exists. */
function throttledLogin(refusal: AttemptRefusal): PayrailError {
  if (refusal.reason === 'locked') {
    const from = refusal.by === 'subject-from-source' ? 'this username from your address' : refusal.by === 'source' ? 'from your address' : 'this username';
    return new PayrailError('login_locked', `Too many failed logins: logging in with ${from} is locked until ${refusal.lockedUntil.toISOString()}.`, {
      details: { locked_until: Math.ceil(refusal.lockedUntil.getTime() / 1000), retry_after: refusal.retryAfterSeconds },
    });
  }
  return new PayrailError('login_throttled', `Too many failed logins: try again in ${refusal.retryAfterSeconds} s.`, {
    details: { retry_after: refusal.retryAfterSeconds },
  });
}

/**
 * A dashboard user's password login (first-party: RFC 9700 rules out the password grant). An unknown
 * user and a wrong password are one answer and cost the same scrypt; failures are throttled per source
 * address and per (username, source), and slowed per username past what a person types (see LoginThrottle).
 */
@Injectable()
export class LoginService implements OnModuleInit {
  /** Checked in place of a user's hash when there is no such user, so that both take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly sessions: UserSessionsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly standing: MerchantStanding,
  ) {}

  /** Made before the first login, so that the first unknown username costs no more than any other. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  async login(params: UserLoginParams): Promise<UserLoginResult> {
    const user = await this.authenticate(params);
    await this.standing.assertActive(user.merchantId);
    return this.sessions.start(user, { livemode: params.livemode ?? false, issuer: params.issuer });
  }

  /**
   * A user's new password, proved with the current one (throttled as a login is). Every session they had
   * ends, as one of them may be whoever made them change it; the answer is a new session.
   */
  async changePassword(params: UserPasswordChangeParams): Promise<UserLoginResult> {
    const newPassword = acceptablePassword(params.newPassword, 'new_password');
    if (newPassword === params.password) {
      throw new PayrailError('parameter_invalid', 'The new password must differ from the current one.', { param: 'new_password' });
    }
    const user = await this.authenticate(params);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      // Sessions before the user's row, in the order removing a user takes them (no deadlock between the two).
      await this.sessions.endAllSessionsOf(manager, user.id, new Date());
      await this.users.updatePasswordHash(manager, user.id, passwordHash);
    });
    return this.sessions.start(user, { livemode: params.livemode ?? false, issuer: params.issuer });
  }

  /** The user these credentials prove, or a refusal: throttled, locked, or one answer for any mismatch. */
  private async authenticate({ username: presentedUsername, password, sourceAddress }: UserLoginParams): Promise<UserEntity> {
    const username = presentedUsername.trim().toLowerCase();
    const attempt = await this.throttle.attemptAsUser(username, sourceAddress, async () => {
      const user = await this.users.findByUsername(username);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await this.dummy()));
      return user && matches ? user : null;
    });
    if (attempt.outcome === 'refused') throw throttledLogin(attempt.refusal);
    if (attempt.outcome === 'failed') throw new PayrailError('login_failed', 'Invalid username or password.');
    return attempt.value;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
    return this.dummyHash;
  }
}
