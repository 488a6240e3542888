import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf, type RequestOf } from '@payrail/contracts';
import { UsersService } from './users.service.js';

@Controller()
export class UsersHandler {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(Patterns.AuthUserCreate)
  create(@Payload() request: RequestOf<typeof Patterns.AuthUserCreate>): Promise<ReplyOf<typeof Patterns.AuthUserCreate>> {
    return this.users.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.AuthUserRetrieve>): Promise<ReplyOf<typeof Patterns.AuthUserRetrieve>> {
    return this.users.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthUserList)
  list(@Payload() request: RequestOf<typeof Patterns.AuthUserList>): Promise<ReplyOf<typeof Patterns.AuthUserList>> {
    return this.users.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserUpdate)
  update(@Payload() request: RequestOf<typeof Patterns.AuthUserUpdate>): Promise<ReplyOf<typeof Patterns.AuthUserUpdate>> {
    return this.users.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserDelete)
  delete(@Payload() request: RequestOf<typeof Patterns.AuthUserDelete>): Promise<ReplyOf<typeof Patterns.AuthUserDelete>> {
    return this.users.delete(request.caller, request.params.id);
  }
}
