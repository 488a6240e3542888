import { Injectable } from '@nestjs/common';
import { Patterns, type PaymentIntentResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { assertClientSecretMatches, requireClientSecretFor } from '../authentication/client-secret.js';
import { paymentIntentResponse } from '../payment-intents/payment-intent.response.js';
import { RecordedEventFeed } from './recorded-event-feed.js';
import type { StreamCaller } from './stream-authenticator.js';
import { StreamCloseCodes, type StreamConnection } from './stream-connection.js';

/** What a hosted page needs to show a payment's progress, and nothing a customer's browser should not hold. */
export interface PaymentIntentStatus {
  object: 'payment_intent.status';
  id: string;
  status: PaymentIntentResource['status'];
  next_action: PaymentIntentResource['next_action'];
  last_payment_error: PaymentIntentResource['last_payment_error'];
  amount_received: number;
  /** The receipt of the charge that paid it (M-Pesa's MpesaReceiptNumber), once succeeded; else null. */
  receipt_number: string | null;
}

/** After these the intent changes no more: the stream says so and closes. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'canceled']);

export interface PreparedPaymentIntentStream {
  attach(connection: StreamConnection): Promise<void>;
  abandon(): void;
}

/**
 * `/v1/payment_intents/{id}/stream`: the intent's status now, then each change, until a final status.
 * An event about the intent is only a cue: the intent is read again and sent if it differs from what was
 * sent last, so that a late or out-of-order event can never show a state older than the one on screen.
 */
@Injectable()
export class PaymentIntentStream {
  constructor(
    private readonly feed: RecordedEventFeed,
    private readonly client: MessageClient,
  ) {}

  /** Authorises the caller for the intent before the upgrade: a wrong secret or another merchant's id is an HTTP 404. */
  async prepare({ caller, keyType, request }: StreamCaller, id: string, clientSecret: string | undefined): Promise<PreparedPaymentIntentStream> {
    requireClientSecretFor(keyType, clientSecret);
    let changed = false;
    let onChange: (() => void) | undefined;
    const unsubscribe = this.feed.subscribe(caller, ({ event }) => {
      if (!event.type.startsWith('payment_intent.') || event.data.object['id'] !== id) return;
      if (onChange) onChange();
      else changed = true;
    });
    const withReceipt = async (intent: PaymentIntentResource): Promise<PaymentIntentStatus> => {
      const paidBy = intent.status === 'succeeded' ? intent.latest_charge : null;
      const receipt = paidBy ? (await this.client.send(Patterns.ChargeRetrieve, { caller, params: { id: paidBy } })).receipt_number : null;
      return toStatus(paymentIntentResponse(intent, request), receipt);
    };
    const read = async () => withReceipt(await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } }));
    let current: PaymentIntentStatus;
    try {
      const intent = await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } });
      assertClientSecretMatches(keyType, intent, clientSecret);
      current = await withReceipt(intent);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return {
      abandon: unsubscribe,
      attach: async (connection) => {
        connection.onClose(unsubscribe);
        let lastSent = '';
        const sendIfChanged = (status: PaymentIntentStatus): void => {
          const serialized = JSON.stringify(status);
          if (serialized === lastSent) return;
          lastSent = serialized;
          connection.send(status);
          if (FINAL_STATUSES.has(status.status)) connection.close(StreamCloseCodes.Done, status.status);
        };
        // Reads one at a time, each after the previous: what is sent only moves forward.
        let reading: Promise<void> = Promise.resolve();
        const reread = (): void => {
          reading = reading
            .then(async () => {
              if (connection.isOpen) sendIfChanged(await read());
            })
            // The client reconnects and is sent the state then, rather than wait for a change it missed.
            .catch(() => connection.close(StreamCloseCodes.TryAgain, 'status_unavailable'));
        };
        sendIfChanged(current);
        onChange = reread;
        if (changed) reread();
      },
    };
  }
}

function toStatus(intent: PaymentIntentResource, receiptNumber: string | null): PaymentIntentStatus {
  return {
    object: 'payment_intent.status',
    id: intent.id,
    status: intent.status,
    next_action: intent.next_action,
    last_payment_error: intent.last_payment_error,
    amount_received: intent.amount_received,
    receipt_number: receiptNumber,
  };
}
