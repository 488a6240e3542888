import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CheckTransactionWebhookParams, CreateTransactionWebhookParams } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { newWebhookSecret } from '@payrail/signing';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { TRANSACTION_EVENT_TYPES } from '../deliveries/transaction-notification.js';
import { checkUrl } from './create-webhook-endpoint.params.js';
import { endpointSecretBox } from './endpoint-secret-box.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

/**
 * The gateway API document's per-payment `webhook_url`: a hidden endpoint for one transaction, under the
 * same destination rules as every other endpoint, sent nothing but that transaction's events, in the document's
 * payload and signed with the merchant's signing key (see deliveries/transaction-notification.ts).
 */
@Injectable()
export class TransactionWebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {}

  check(caller: Caller, params: CheckTransactionWebhookParams): { url: string } {
    return { url: checkUrl(params.url, caller.livemode, this.config.allowPrivateNetworksInTestMode) };
  }

  async create(caller: Caller, params: CreateTransactionWebhookParams): Promise<{ id: string }> {
    const url = checkUrl(params.url, caller.livemode, this.config.allowPrivateNetworksInTestMode);
    const id = newId('we');
    const now = new Date();
    await this.endpoints.insert(
      Object.assign(new WebhookEndpointEntity(), {
        id,
        merchantId: caller.merchantId,
        livemode: caller.livemode,
        url,
        enabledEvents: [...TRANSACTION_EVENT_TYPES],
        status: 'enabled',
        description: `Notifications of ${params.transaction_id}`,
        apiVersion: null,
        metadata: {},
        // Never used to sign (the merchant's signing key does), but the column is required.
        secretSealed: endpointSecretBox(this.config.secretsKey).seal(newWebhookSecret('payrail'), id),
        signatureScheme: 'payrail',
        retrySchedule: null,
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
        failingSince: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        transaction: { id: params.transaction_id, order_id: params.order_id ?? null, signing_key: params.signing_key, payment_intent: null },
      } satisfies WebhookEndpointEntity),
    );
    return { id };
  }
}
