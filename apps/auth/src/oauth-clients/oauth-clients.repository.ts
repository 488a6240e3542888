import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { OAuthClientEntity } from './oauth-client.entity.js';

@Injectable()
export class OAuthClientsRepository {
  /** Optional: the bootstrap only inserts, inside its own transaction. */
  constructor(@Optional() @Inject(DataSource) private readonly dataSource?: DataSource) {}

  async insert(manager: EntityManager, client: OAuthClientEntity): Promise<void> {
    await manager.insert(OAuthClientEntity, client);
  }

  /** The client of this id unless revoked. */
  findActive(id: string): Promise<OAuthClientEntity | null> {
    if (!this.dataSource) throw new Error('OAuthClientsRepository needs a DataSource to look clients up');
    return this.dataSource.manager.findOne(OAuthClientEntity, { where: { id, revokedAt: IsNull() } });
  }
}
