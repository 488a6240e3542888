import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CreateOAuthClientParams, ListOAuthClientsParams, ListResource, OAuthClientResource } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../config/auth.config.js';
import { OAuthConfig } from '../oauth/oauth.config.js';
import { RevokedSubjectsRepository } from '../oauth/revocation/revoked-subjects.repository.js';
import { subjectRevocationWindow } from '../oauth/revocation/subject-revocation-window.js';
import { issueClientSecret, issueOAuthClient } from './oauth-client-issuer.js';
import { normalizeCreateOAuthClient } from './oauth-client-params.js';
import type { OAuthClientEntity } from './oauth-client.entity.js';
import { toOAuthClientResource } from './oauth-client.mapper.js';
import { OAuthClientsRepository } from './oauth-clients.repository.js';

/**
 * A merchant's OAuth clients (client credentials), both modes, managed merchant-wide as API keys are. The
 * secret is stored as a keyed hash only and shown in the answers that create or roll it. The dashboard's
 * public client is no row here and never listed.
 */
@Injectable()
export class OAuthClientsService {
  constructor(
    private readonly clients: OAuthClientsRepository,
    private readonly revokedSubjects: RevokedSubjectsRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
    private readonly oauth: OAuthConfig,
  ) {}

  /** The new client with its secret, this once. */
  async create(caller: Caller, params: CreateOAuthClientParams): Promise<OAuthClientResource> {
    const { name, scopes, livemode } = normalizeCreateOAuthClient(caller, params);
    assertMayManage(caller, livemode);
    const issued = issueOAuthClient({ pepper: this.config.PAYRAIL_API_KEY_PEPPER, merchantId: caller.merchantId, name, scopes, livemode, now: new Date() });
    await this.clients.insert(this.dataSource.manager, issued.entity);
    return toOAuthClientResource(issued.entity, issued.clientSecret);
  }

  async retrieve(caller: Caller, id: string): Promise<OAuthClientResource> {
    return toOAuthClientResource(await this.findOrThrow(caller, id));
  }

  async list(caller: Caller, params: ListOAuthClientsParams): Promise<ListResource<OAuthClientResource>> {
    const page = await this.clients.list(caller.merchantId, params);
    if (page.cursorMissing) throw PayrailError.notFound('oauth_client', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((client) => toOAuthClientResource(client)), has_more: page.hasMore, url: '/v1/oauth_clients' };
  }

  /**
   * A new secret, shown this once; the old one stops at once (the token endpoint reads the client on
   * every request). Tokens already issued keep working until they expire: the client is the same.
   */
  async rollSecret(caller: Caller, id: string): Promise<OAuthClientResource> {
    const client = await this.findOrThrow(caller, id);
    assertMayManage(caller, client.livemode);
    const secret = issueClientSecret(this.config.PAYRAIL_API_KEY_PEPPER);
    if (!(await this.clients.replaceSecret(caller.merchantId, client.id, secret.secretHash))) {
      throw new PayrailError('oauth_client_unexpected_state', `The OAuth client ${client.id} has been revoked; only an active client's secret can be rolled.`, {
        param: 'id',
      });
    }
    return toOAuthClientResource({ ...client, secretHash: secret.secretHash }, secret.clientSecret);
  }

  /**
   * Stops the client at once, and with it the access tokens it already holds: its id goes on the deny
   * list as a revoked subject, in the same transaction. Revoking a revoked client changes nothing.
   */
  async revoke(caller: Caller, id: string): Promise<OAuthClientResource> {
    assertMayManage(caller, (await this.findOrThrow(caller, id)).livemode);
    const window = subjectRevocationWindow(this.oauth.accessTokenLifetimeSeconds);
    const revoked = await this.dataSource.transaction(async (manager) => {
      if (await this.clients.revoke(manager, caller.merchantId, id)) await this.revokedSubjects.add(manager, id, window);
      return this.clients.findForMerchant(caller.merchantId, id, manager);
    });
    if (!revoked) throw PayrailError.notFound('oauth_client', id, 'id');
    return toOAuthClientResource(revoked);
  }

  private async findOrThrow(caller: Caller, id: string): Promise<OAuthClientEntity> {
    const client = typeof id === 'string' ? await this.clients.findForMerchant(caller.merchantId, id) : null;
    if (!client) throw PayrailError.notFound('oauth_client', String(id), 'id');
    return client;
  }
}

/** A leaked test credential must not be a way into live mode: live clients are managed in live mode only. */
function assertMayManage(caller: Caller, livemode: boolean): void {
  if (livemode && !caller.livemode) {
    throw new PayrailError('permission_denied', 'Live OAuth clients can only be created, rolled or revoked with a live secret key.');
  }
}
