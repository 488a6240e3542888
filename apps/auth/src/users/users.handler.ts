import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateUserPayload, ScopedIdPayload, ScopedListPayload, UpdateUserPayload, type ReplyOf } from '@payrail/contracts';
import { UsersService } from './users.service.js';

@Controller()
export class UsersHandler {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(Patterns.AuthUserCreate)
  create(@Payload() request: CreateUserPayload): Promise<ReplyOf<typeof Patterns.AuthUserCreate>> {
    return this.users.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserRetrieve)
  retrieve(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthUserRetrieve>> {
    return this.users.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthUserList)
  list(@Payload() request: ScopedListPayload): Promise<ReplyOf<typeof Patterns.AuthUserList>> {
    return this.users.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserUpdate)
  update(@Payload() request: UpdateUserPayload): Promise<ReplyOf<typeof Patterns.AuthUserUpdate>> {
    return this.users.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthUserDelete)
  delete(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthUserDelete>> {
    return this.users.delete(request.caller, request.params.id);
  }
}
