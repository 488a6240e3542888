import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, UserLoginPayload, UserPasswordChangePayload, type ReplyOf } from '@payrail/contracts';
import { LoginService } from './login.service.js';

@Controller()
export class LoginHandler {
  constructor(private readonly logins: LoginService) {}

  @MessagePattern(Patterns.AuthUserLogin)
  login(@Payload() request: UserLoginPayload): Promise<ReplyOf<typeof Patterns.AuthUserLogin>> {
    return this.logins.login(request);
  }

  @MessagePattern(Patterns.AuthUserChangePassword)
  changePassword(@Payload() request: UserPasswordChangePayload): Promise<ReplyOf<typeof Patterns.AuthUserChangePassword>> {
    return this.logins.changePassword(request);
  }
}
