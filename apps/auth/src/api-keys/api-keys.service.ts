import { MerchantStanding } from '../merchants/merchant-standing.js';
import { Injectable } from '@nestjs/common';
import {
  Topics,
  type ApiKeyResource,
  type Caller,
  type CreateApiKeyParams,
  type ListApiKeysParams,
  type ListResource,
  type RollApiKeyParams,
  type VerifiedApiKey,
} from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { AuthConfig } from '../config/auth.config.js';
import { redactApiKey } from './api-key-format.js';
import { issueApiKey } from './api-key-issuer.js';
import { normalizeCreateApiKey, rollOverlapSeconds } from './api-key-params.js';
import { findVerifiedApiKey } from './api-key-verification.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { toApiKeyResource } from './api-key.mapper.js';
import { ApiKeysRepository } from './api-keys.repository.js';

type ApiKeyEventType = 'api_key.created' | 'api_key.rolled' | 'api_key.revoked';

/**
 * A merchant's keys. Managing them is merchant-wide: a key of either mode lists, creates, rolls and
 * revokes the merchant's keys of both modes (the edge lets secret keys only do it).
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly config: AuthConfig,
    private readonly outbox: TransactionalOutbox,
    private readonly standing: MerchantStanding,
  ) {}

  /** Who a key belongs to; unknown, revoked and expired keys are all the same `api_key_invalid`. */
  async verify(key: string): Promise<VerifiedApiKey> {
    const verified = await findVerifiedApiKey(this.keys, this.config.PAYRAIL_API_KEY_PEPPER, key);
    if (!verified) {
      throw new PayrailError('api_key_invalid', `Invalid API Key provided: ${redactApiKey(typeof key === 'string' ? key : '')}`);
    }
    await this.standing.assertActive(verified.merchantId);
    return verified;
  }

  /** The new key in full, this once. */
  async create(caller: Caller, params: CreateApiKeyParams): Promise<ApiKeyResource> {
    const { type, livemode, name } = normalizeCreateApiKey(params);
    assertMayManage(caller, livemode);
    const issued = issueApiKey({ pepper: this.config.PAYRAIL_API_KEY_PEPPER, merchantId: caller.merchantId, type, livemode, name, now: new Date() });
    await this.outbox.run(async (unit) => {
      await this.keys.insert(unit.manager, issued.entity);
      await this.publish(unit, 'api_key.created', issued.entity);
    });
    return toApiKeyResource(issued.entity, new Date(), issued.key);
  }

  async retrieve(caller: Caller, id: string): Promise<ApiKeyResource> {
    return toApiKeyResource(await this.findOrThrow(caller, id), new Date());
  }

  async list(caller: Caller, params: ListApiKeysParams): Promise<ListResource<ApiKeyResource>> {
    const page = await this.keys.list(caller.merchantId, params);
    if (page.cursorMissing) throw PayrailError.notFound('api_key', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    const now = new Date();
    return { object: 'list', data: page.data.map((key) => toApiKeyResource(key, now)), has_more: page.hasMore, url: '/v1/api_keys' };
  }

  /**
   * A new key of the same type, mode and name, shown in full this once; the old one keeps working for
   * `expires_in_seconds` (default 0: it stops now). Only a key that has not been rolled or revoked can be.
   */
  async roll(caller: Caller, params: RollApiKeyParams): Promise<ApiKeyResource> {
    const overlap = rollOverlapSeconds(params);
    const old = await this.findOrThrow(caller, params.id);
    assertMayManage(caller, old.livemode);
    const issued = issueApiKey({
      pepper: this.config.PAYRAIL_API_KEY_PEPPER,
      merchantId: caller.merchantId,
      type: old.type,
      livemode: old.livemode,
      name: old.name,
      now: new Date(),
    });
    await this.outbox.run(async (unit) => {
      if (!(await this.keys.expireActive(unit.manager, caller.merchantId, old.id, overlap))) {
        throw new PayrailError('api_key_unexpected_state', `The API key ${old.id} has already been rolled or revoked; only an active key can be rolled.`, {
          param: 'id',
        });
      }
      await this.keys.insert(unit.manager, issued.entity);
      const expired = await this.keys.findForMerchant(caller.merchantId, old.id, unit.manager);
      await this.publish(unit, 'api_key.rolled', expired ?? old);
      await this.publish(unit, 'api_key.created', issued.entity);
    });
    return toApiKeyResource(issued.entity, new Date(), issued.key);
  }

  /** Stops the key at once. Revoking a revoked key changes nothing and answers the same. */
  async revoke(caller: Caller, id: string): Promise<ApiKeyResource> {
    assertMayManage(caller, (await this.findOrThrow(caller, id)).livemode);
    const revoked = await this.outbox.run(async (unit) => {
      const changed = await this.keys.revoke(unit.manager, caller.merchantId, id);
      const key = await this.keys.findForMerchant(caller.merchantId, id, unit.manager);
      if (!key) throw PayrailError.notFound('api_key', id, 'id');
      if (changed) await this.publish(unit, 'api_key.revoked', key);
      return key;
    });
    return toApiKeyResource(revoked, new Date());
  }

  private async findOrThrow(caller: Caller, id: string): Promise<ApiKeyEntity> {
    const key = typeof id === 'string' ? await this.keys.findForMerchant(caller.merchantId, id) : null;
    if (!key) throw PayrailError.notFound('api_key', String(id), 'id');
    return key;
  }

  /** The event never carries the key itself, only its redacted form. */
  private async publish(unit: UnitOfWork, type: ApiKeyEventType, key: ApiKeyEntity): Promise<void> {
    const resource = toApiKeyResource(key, new Date());
    await unit.publish(Topics.AuthEvents, newEvent(type, { merchantId: key.merchantId, livemode: key.livemode }, key.id, resource));
  }
}

/** A leaked test key must not be a way into live mode: live keys are managed only with a live key. */
function assertMayManage(caller: Caller, livemode: boolean): void {
  if (livemode && !caller.livemode) {
    throw new PayrailError('permission_denied', 'Live API keys can only be created, rolled or revoked with a live secret key.');
  }
}
