import { MerchantStanding } from '../merchants/merchant-standing.js';
import { Module } from '@nestjs/common';
import { LoginThrottleModule } from '../login-throttle/login-throttle.module.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { OAuthModule } from '../oauth/oauth.module.js';
import { LoginHandler } from './login.handler.js';
import { LoginService } from './login.service.js';

/** Dashboard users' password login, which starts a session (see UserSessionsService). */
@Module({
  imports: [OAuthModule, LoginThrottleModule],
  controllers: [LoginHandler],
  providers: [UsersRepository, LoginService, MerchantStanding],
})
export class LoginModule {}
