import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, UserResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's dashboard users: for secret keys, and for access tokens with `users:manage` (the
 * owner's dashboard session). The guard refuses publishable keys here.
 */
@Controller('v1/users')
@Access({ scope: 'users:manage' })
export class UsersController {
  constructor(private readonly client: MessageClient) {}

  /** The answer may carry a generated password: never to be cached. */
  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  create(@CurrentCaller() caller: Caller, @Body() body: CreateUserDto) {
    return this.client.send(Patterns.AuthUserCreate, { caller, params: { username: body.username, role: body.role, password: body.password } });
  }

  /**
   * List the merchant's dashboard users, newest first
   */
  @ApiListResponse(UserResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthUserList, { caller, params: query });
  }

  /**
   * Retrieve a dashboard user
   */
  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthUserRetrieve, { caller, params: { id } });
  }

  /**
   * Change a dashboard user's role. Every session of theirs ends at once (their tokens carry the old role's
   * scopes): they log in again
   * @remarks A merchant always keeps an owner: demoting its only owner is a 400 `parameter_invalid` (param `role`).
   * Giving the role the user already has changes nothing.
   */
  @Post(':id')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateUserDto) {
    return this.client.send(Patterns.AuthUserUpdate, { caller, params: { id, role: body.role } });
  }

  /**
   * Remove a dashboard user: `{id, object: "user", deleted: true}`. Every session of theirs ends at once:
   * their refresh tokens stop, their access tokens are refused within seconds, and they can no longer log in
   * @remarks Removing the merchant's only owner is a 400 `parameter_invalid` (param `id`). The username is free again
   * afterwards.
   */
  @Delete(':id')
  delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthUserDelete, { caller, params: { id } });
  }
}
