import { MerchantStanding } from '../merchants/merchant-standing.js';
import { Module } from '@nestjs/common';
import { SigningKeysHandler } from './signing-keys.handler.js';
import { SigningKeysRepository } from './signing-keys.repository.js';
import { SigningKeysService } from './signing-keys.service.js';

@Module({
  controllers: [SigningKeysHandler],
  providers: [SigningKeysRepository, SigningKeysService, MerchantStanding],
})
export class SigningKeysModule {}
