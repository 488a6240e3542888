import { Inject, Injectable } from '@nestjs/common';
import type {
  Caller,
  CreateGatewayAccountParams,
  DeletedGatewayAccountResource,
  GatewayAccountResource,
  GatewayResource,
  ListGatewayAccountsParams,
  ListResource,
  UpdateGatewayAccountParams,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../config/gateway-connectors.config.js';
import { MpesaCallbackTokens } from '../connectors/mpesa/mpesa-callback-url.js';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry } from '../routing/connector-registry.js';
import { credentialHint, credentialHints } from './credential-hint.js';
import { GatewayAccountEntity } from './gateway-account.entity.js';
import { toGatewayAccountResource, toGatewayResource } from './gateway-account.mapper.js';
import { checkCredentials, checkEnabled, checkMetadata, checkWebhookSecret } from './gateway-account.params.js';
import { GatewayAccountSecrets } from './gateway-account-secrets.js';
import { GatewayAccountsRepository, type GatewayAccountChange } from './gateway-accounts.repository.js';

const MAX_PAGE_SIZE = 100;

/** A merchant's accounts at payment gateways, in the caller's mode: credentials checked by the gateway's factory and sealed. */
@Injectable()
export class GatewayAccountsService {
  constructor(
    private readonly accounts: GatewayAccountsRepository,
    private readonly secrets: GatewayAccountSecrets,
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    @Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'publicUrl' | 'secretsKey'>,
  ) {
    this.mpesaCallbacks = new MpesaCallbackTokens(config.secretsKey);
  }

  private readonly mpesaCallbacks: MpesaCallbackTokens;

  async create(caller: Caller, params: CreateGatewayAccountParams): Promise<GatewayAccountResource> {
    if (params.gateway === undefined || params.gateway === '') throw new PayrailError('parameter_missing', 'Missing required param: gateway.', { param: 'gateway' });
    const factory = this.registry.factory(params.gateway);
    const credentials = checkCredentials(factory, params.credentials, caller.livemode);
    const webhookSecret = checkWebhookSecret(params.webhook_secret) || undefined;
    const enabled = checkEnabled(params.enabled) ?? true;
    const metadata = checkMetadata(params.metadata);
    const id = newId('ga');
    const now = new Date();
    const account = Object.assign(new GatewayAccountEntity(), {
      id,
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      gateway: factory.gateway,
      credentialsSealed: this.secrets.sealCredentials(id, credentials),
      credentialHints: credentialHints(credentials),
      webhookSecretSealed: webhookSecret === undefined ? null : this.secrets.sealWebhookSecret(id, webhookSecret),
      webhookSecretHint: webhookSecret === undefined ? null : credentialHint(webhookSecret),
      enabled,
      metadata,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    } satisfies GatewayAccountEntity);
    await this.accounts.insert(account);
    return this.resource(account);
  }

  async retrieve(caller: Caller, id: string): Promise<GatewayAccountResource> {
    return this.resource(await this.owned(caller, id));
  }

  /** `credentials` replaces the whole set (checked again); `webhook_secret: ''` removes it; metadata is merged. */
  async update(caller: Caller, params: UpdateGatewayAccountParams): Promise<GatewayAccountResource> {
    const current = await this.owned(caller, params.id);
    const change: GatewayAccountChange = { metadata: checkMetadata(params.metadata, current.metadata) };
    const enabled = checkEnabled(params.enabled);
    if (enabled !== undefined) change.enabled = enabled;
    if (params.credentials !== undefined) {
      const credentials = checkCredentials(this.registry.factory(current.gateway), params.credentials, caller.livemode);
      change.credentialsSealed = this.secrets.sealCredentials(current.id, credentials);
      change.credentialHints = credentialHints(credentials);
    }
    const webhookSecret = checkWebhookSecret(params.webhook_secret);
    if (webhookSecret !== undefined) {
      change.webhookSecretSealed = webhookSecret === '' ? null : this.secrets.sealWebhookSecret(current.id, webhookSecret);
      change.webhookSecretHint = webhookSecret === '' ? null : credentialHint(webhookSecret);
    }
    const updated = await this.accounts.update(caller, current.id, change);
    if (!updated) throw PayrailError.notFound('gateway_account', params.id, 'id');
    return this.resource(updated);
  }

  async list(caller: Caller, params: ListGatewayAccountsParams): Promise<ListResource<GatewayAccountResource>> {
    if (params.limit !== undefined && (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_PAGE_SIZE)) {
      throw new PayrailError('parameter_invalid', `Invalid limit: must be an integer from 1 to ${MAX_PAGE_SIZE}.`, { param: 'limit' });
    }
    if (params.starting_after !== undefined && params.ending_before !== undefined) {
      throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
    }
    const page = await this.accounts.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('gateway_account', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((account) => this.resource(account)), has_more: page.hasMore, url: '/v1/gateway_accounts' };
  }

  /** New payments stop routing to it at once; payments it already took are still captured and refunded through it. */
  async delete(caller: Caller, id: string): Promise<DeletedGatewayAccountResource> {
    if (!(await this.accounts.markDeleted(caller, id))) throw PayrailError.notFound('gateway_account', id, 'id');
    return { id, object: 'gateway_account', deleted: true };
  }

  /** Every gateway Payrail has a connector for; `configured` when the caller can route to it now. */
  async listGateways(caller: Caller): Promise<ListResource<GatewayResource>> {
    const configured = new Set((await this.accounts.findEnabled(caller)).map((account) => account.gateway));
    if (!caller.livemode) configured.add(BUILT_IN_SANDBOX_ROUTE.gateway);
    const data = this.registry.factories().map((factory) => toGatewayResource(factory, configured.has(factory.gateway)));
    return { object: 'list', data, has_more: false, url: '/v1/gateways' };
  }

  private async owned(caller: Caller, id: string): Promise<GatewayAccountEntity> {
    const account = await this.accounts.findOwned(caller, id);
    if (!account) throw PayrailError.notFound('gateway_account', id, 'id');
    return account;
  }

  private resource(account: GatewayAccountEntity): GatewayAccountResource {
    const resource = toGatewayAccountResource(account, this.config.publicUrl);
    // Daraja signs nothing: an M-Pesa account's callback URL carries its secret token instead.
    if (account.gateway === 'mpesa') resource.callback_url = this.mpesaCallbacks.urlFor(this.config.publicUrl, account.id);
    return resource;
  }
}
