import { Module } from '@nestjs/common';
import { AccountsHandler } from './accounts.handler.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';

@Module({
  controllers: [AccountsHandler],
  providers: [AccountsRepository, AccountsService],
})
export class AccountsModule {}
