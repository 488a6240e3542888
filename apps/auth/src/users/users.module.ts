import { Module } from '@nestjs/common';
import { MerchantsRepository } from '../merchants/merchants.repository.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { OAuthModule } from '../oauth/oauth.module.js';
import { UsersHandler } from './users.handler.js';
import { UsersService } from './users.service.js';

/** Merchants' dashboard users: added, listed, given another role and removed by the merchant's owners. */
@Module({
  imports: [OAuthModule],
  controllers: [UsersHandler],
  providers: [UsersRepository, MerchantsRepository, UsersService],
})
export class UsersModule {}
