import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OAuthClientEntity } from './oauth-client.entity.js';

@Injectable()
export class OAuthClientsRepository {
  async insert(manager: EntityManager, client: OAuthClientEntity): Promise<void> {
    await manager.insert(OAuthClientEntity, client);
  }
}
