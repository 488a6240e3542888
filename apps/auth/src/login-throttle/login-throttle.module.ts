import { Module } from '@nestjs/common';
import { LoginAttemptsRepository } from './login-attempts.repository.js';
import { LoginThrottle } from './login-throttle.service.js';
import { StaleLoginAttemptsPurger } from './stale-login-attempts.purger.js';

/** Failed-attempt throttling for user logins and client authentication; its policies come from AuthConfigModule. */
@Module({
  providers: [LoginAttemptsRepository, LoginThrottle, StaleLoginAttemptsPurger],
  exports: [LoginThrottle],
})
export class LoginThrottleModule {}
