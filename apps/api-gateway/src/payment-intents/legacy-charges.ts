import { Patterns, type Caller, type ChargeResource, type PaymentIntentResource } from '@payrail/contracts';
import type { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { chargesListViewFor, type ChargesListView } from '../api-versions/api-version.js';
import { withAbsoluteLinks } from '../common/expanded-links.js';

/** Stripe's page size for the embedded list. */
const CHARGES_SHOWN = 10;

/** The payment method a document-view charge names: what the charge recorded of it, without another lookup. */
interface ChargePaymentMethodSummary {
  id: string | null;
  object: 'payment_method';
  type: string;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: string; country: string | null } | null;
}

type ListedCharge = Omit<ChargeResource, 'payment_method'> & { payment_method: string | null | ChargePaymentMethodSummary };

/**
 * Adds the `charges` list to intents answered to clients that read it (see api-version.ts). Intents never
 * attempted (no `latest_charge`) get an empty list without asking payments.
 */
export async function withChargesLists(
  intents: PaymentIntentResource[],
  caller: Caller,
  req: Request,
  client: MessageClient,
): Promise<PaymentIntentResource[]> {
  // Returned as PaymentIntentResource: the list is an extra field only these clients read.
  const view = chargesListViewFor(req);
  if (view === 'none') return intents;
  return Promise.all(intents.map(async (intent) => ({ ...intent, charges: await chargesOf(intent, caller, req, client, view) })));
}

async function chargesOf(intent: PaymentIntentResource, caller: Caller, req: Request, client: MessageClient, view: ChargesListView) {
  const url = `/v1/charges?payment_intent=${intent.id}`;
  if (!intent.latest_charge) return { object: 'list' as const, data: [], has_more: false, url };
  const page = await client.send(Patterns.ChargeList, { caller, params: { payment_intent: intent.id, limit: CHARGES_SHOWN } });
  const data: ListedCharge[] = withAbsoluteLinks(page.data, req).map((charge) => (view === 'document' ? { ...charge, payment_method: summaryOf(charge) } : charge));
  return { object: 'list' as const, data, has_more: page.has_more, url };
}

function summaryOf(charge: ChargeResource): ChargePaymentMethodSummary {
  const details = charge.payment_method_details;
  const card = details?.type === 'card' ? details.card : null;
  return {
    id: charge.payment_method,
    object: 'payment_method',
    type: details?.type ?? 'card',
    card: card && { brand: card.brand, last4: card.last4, exp_month: card.exp_month, exp_year: card.exp_year, funding: card.funding, country: card.country },
  };
}
