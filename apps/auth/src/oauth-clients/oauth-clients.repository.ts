import { Inject, Injectable, Optional } from '@nestjs/common';
import { OperatorScopes } from '@payrail/contracts';
import { keysetPage, type Page, type PageParams } from '@payrail/persistence';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { OAuthClientEntity } from './oauth-client.entity.js';

/**
 * Operator clients (allowed a scope of `OperatorScopes`) are the merchant's by `merchant_id`, as their tokens
 * act on it, but not the merchant's to see, roll or revoke: a merchant that rolled one's secret would hold
 * the operator's scope. Every merchant-facing query leaves them out.
 */
const NOT_OPERATOR_CLIENT = 'NOT (oauth_client.scopes && CAST(:operatorScopes AS text[]))';
const operatorScopes = [...OperatorScopes];

@Injectable()
export class OAuthClientsRepository {
  /** Optional: the bootstrap only inserts, inside its own transaction. */
  constructor(@Optional() @Inject(DataSource) private readonly dataSource?: DataSource) {}

  async insert(manager: EntityManager, client: OAuthClientEntity): Promise<void> {
    await manager.insert(OAuthClientEntity, client);
  }

  /** The client of this id unless revoked. */
  findActive(id: string): Promise<OAuthClientEntity | null> {
    return this.manager().findOne(OAuthClientEntity, { where: { id, revokedAt: IsNull() } });
  }

  /** One of the merchant's clients, whatever its mode or state; another merchant's, or an operator client, is not found. */
  findForMerchant(merchantId: string, id: string, manager: EntityManager = this.manager()): Promise<OAuthClientEntity | null> {
    return manager
      .createQueryBuilder(OAuthClientEntity, 'oauth_client')
      .where('oauth_client.id = :id AND oauth_client.merchant_id = :merchantId', { id, merchantId })
      .andWhere(NOT_OPERATOR_CLIENT, { operatorScopes })
      .getOne();
  }

  /** Every client of the merchant, both modes, newest first. */
  list(merchantId: string, params: PageParams): Promise<Page<OAuthClientEntity> & { cursorMissing?: string }> {
    const query = this.manager()
      .createQueryBuilder(OAuthClientEntity, 'oauth_client')
      .where('oauth_client.merchant_id = :merchantId', { merchantId })
      .andWhere(NOT_OPERATOR_CLIENT, { operatorScopes });
    return keysetPage(query, 'oauth_client', params);
  }

  /** Replaces the secret's keyed hash of a client not revoked; false when revoked or not this merchant's. */
  async replaceSecret(merchantId: string, id: string, secretHash: string): Promise<boolean> {
    const result = await this.manager()
      .createQueryBuilder()
      .update(OAuthClientEntity)
      .set({ secretHash })
      .where('id = :id AND merchant_id = :merchantId', { id, merchantId })
      .andWhere('revoked_at IS NULL')
      .andWhere('NOT (scopes && CAST(:operatorScopes AS text[]))', { operatorScopes })
      .execute();
    return result.affected === 1;
  }

  /** False when the client was already revoked or is not this merchant's. */
  async revoke(manager: EntityManager, merchantId: string, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(OAuthClientEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND merchant_id = :merchantId', { id, merchantId })
      .andWhere('revoked_at IS NULL')
      .andWhere('NOT (scopes && CAST(:operatorScopes AS text[]))', { operatorScopes })
      .execute();
    return result.affected === 1;
  }

  private manager(): EntityManager {
    if (!this.dataSource) throw new Error('OAuthClientsRepository needs a DataSource to look clients up');
    return this.dataSource.manager;
  }
}
