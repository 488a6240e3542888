import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { GatewayAccountSource, type RoutableAccount } from '../routing/gateway-account-source.js';
import type { GatewayAccountEntity } from './gateway-account.entity.js';
import { GatewayAccountSecrets } from './gateway-account-secrets.js';
import { GatewayAccountsRepository } from './gateway-accounts.repository.js';

/** The stored accounts, for routing; credentials are opened only when the registry builds a connector. */
@Injectable()
export class PostgresGatewayAccountSource extends GatewayAccountSource {
  constructor(
    private readonly accounts: GatewayAccountsRepository,
    private readonly secrets: GatewayAccountSecrets,
  ) {
    super();
  }

  async enabledAccounts(caller: Caller): Promise<RoutableAccount[]> {
    return (await this.accounts.findEnabled(caller)).map((entity) => this.routable(entity));
  }

  async account(caller: Caller, id: string): Promise<RoutableAccount | null> {
    const entity = await this.accounts.findOwnedEvenDeleted(caller, id);
    return entity ? this.routable(entity) : null;
  }

  private routable(entity: GatewayAccountEntity): RoutableAccount {
    return {
      id: entity.id,
      gateway: entity.gateway,
      livemode: entity.livemode,
      version: entity.updatedAt.getTime(),
      openCredentials: () => this.secrets.openCredentials(entity.id, entity.credentialsSealed),
    };
  }
}
