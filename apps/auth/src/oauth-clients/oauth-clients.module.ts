import { Module } from '@nestjs/common';
import { RevokedSubjectsRepository } from '../oauth/revocation/revoked-subjects.repository.js';
import { OAuthClientsHandler } from './oauth-clients.handler.js';
import { OAuthClientsRepository } from './oauth-clients.repository.js';
import { OAuthClientsService } from './oauth-clients.service.js';

/** Merchants' management of their OAuth clients; the token endpoint that authenticates them is OAuthModule's. */
@Module({
  controllers: [OAuthClientsHandler],
  providers: [OAuthClientsRepository, RevokedSubjectsRepository, OAuthClientsService],
})
export class OAuthClientsModule {}
