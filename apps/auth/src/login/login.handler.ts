import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf } from '@payrail/contracts';
import { UserLoginRequestDto } from './dto/user-login-request.dto.js';
import { UserPasswordChangeRequestDto } from './dto/user-password-change-request.dto.js';
import { LoginService } from './login.service.js';

@Controller()
export class LoginHandler {
  constructor(private readonly logins: LoginService) {}

  @MessagePattern(Patterns.AuthUserLogin)
  login(@Payload() request: UserLoginRequestDto): Promise<ReplyOf<typeof Patterns.AuthUserLogin>> {
    return this.logins.login(request);
  }

  @MessagePattern(Patterns.AuthUserChangePassword)
  changePassword(@Payload() request: UserPasswordChangeRequestDto): Promise<ReplyOf<typeof Patterns.AuthUserChangePassword>> {
    return this.logins.changePassword(request);
  }
}
