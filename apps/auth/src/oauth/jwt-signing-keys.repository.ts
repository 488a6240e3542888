import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { JwtSigningKeyEntity } from './jwt-signing-key.entity.js';

@Injectable()
export class JwtSigningKeysRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(key: JwtSigningKeyEntity): Promise<void> {
    await this.dataSource.manager.insert(JwtSigningKeyEntity, key);
  }

  /** The newest key still signing at `now`, if any. */
  findSigning(now: Date): Promise<JwtSigningKeyEntity | null> {
    return this.dataSource.manager.findOne(JwtSigningKeyEntity, {
      where: { signsUntil: MoreThan(now) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The most recently made key, signing or not. */
  findNewest(): Promise<JwtSigningKeyEntity | null> {
    return this.dataSource.manager.findOne(JwtSigningKeyEntity, { where: {}, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Every key whose tokens may still be live at `now`, newest first. */
  findPublished(now: Date): Promise<JwtSigningKeyEntity[]> {
    return this.dataSource.manager.find(JwtSigningKeyEntity, {
      where: { publishedUntil: MoreThan(now) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }
}
