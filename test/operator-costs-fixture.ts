import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { createMerchant, createOperatorClient, stripeClient, type CommandTarget, type MerchantCredentials } from '@payrail/testing';
import type Stripe from 'stripe';

const run = promisify(execFile);

export interface CostsBody {
  object?: string;
  currencies?: Array<{ currency: string; fees: number; gateway_costs: Array<{ gateway: string; count: number; amount: number }>; margin: number }>;
}

/** What the gateway-fee specs do against a running platform: as a merchant, as its operator, and on its database. */
export interface OperatorCostsFixture {
  /** A GET, or a form POST when `form` is given, with a bearer (an API key or an access token). */
  call<T>(path: string, bearer: string, form?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** An access token with `pricing:manage` for the merchant, through auth's operator-client command. */
  operatorToken(merchant: MerchantCredentials): Promise<string>;
  /**
   * A new merchant with a Stripe gateway account (stripe-mock, or what stands in front of it, takes any key),
   * with the webhook secret its Stripe callbacks are signed with when given.
   */
  stripeMerchant(name: string, webhookSecret?: string): Promise<StripeMerchant>;
  /** The costs view for one currency once a gateway's fee is booked (events arrive asynchronously; 30 s at most). */
  costsOnceBooked(token: string, currency: string): Promise<CostsBody>;
  /** The merchant's own balance transaction of a payment's charge. */
  balanceTransactionOf(merchant: MerchantCredentials, paymentIntent: string): Promise<Stripe.BalanceTransaction>;
  /** `npm run ledger:check` against the platform's database: its output. */
  ledgerCheck(): Promise<string>;
  /**
   * The merchant's ledger accounts of the gateway's side (clearing, FX conversion, gateway costs) once `ready`
   * says they are booked (events arrive asynchronously; 30 s at most), read from the platform's database.
   */
  gatewayAccountsOnce(merchant: MerchantCredentials, ready: (accounts: LedgerAccountRow[]) => boolean): Promise<LedgerAccountRow[]>;
}

/** A merchant and its Stripe gateway account (whose callbacks arrive at `/v1/callbacks/stripe/<gatewayAccountId>`). */
export type StripeMerchant = MerchantCredentials & { gatewayAccountId: string };

export interface LedgerAccountRow {
  code: string;
  currency: string;
  balance: number;
}

export function operatorCostsFixture(baseUrl: string, target: CommandTarget): OperatorCostsFixture {
  const call = async <T>(path: string, bearer: string, form?: Record<string, string>): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${bearer}`, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    call,
    async operatorToken(merchant) {
      const client = await createOperatorClient(merchant.merchant_id, target);
      const form = { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret, scope: 'pricing:manage' };
      const answer = await call<{ access_token?: string }>('/oauth/token', '', form);
      if (!answer.body.access_token) throw new Error(`no operator token: ${JSON.stringify(answer.body)}`);
      return answer.body.access_token;
    },
    async stripeMerchant(name, webhookSecret) {
      const merchant = await createMerchant(name, { target });
      const form = { gateway: 'stripe', 'credentials[secret_key]': `sk_test_${randomBytes(12).toString('hex')}`, ...(webhookSecret ? { webhook_secret: webhookSecret } : {}) };
      const account = await call<{ id?: string }>('/v1/gateway_accounts', merchant.secret_key, form);
      if (account.status !== 200 || !account.body.id) throw new Error(`no Stripe gateway account: ${JSON.stringify(account.body)}`);
      return { ...merchant, gatewayAccountId: account.body.id };
    },
    async costsOnceBooked(token, currency) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await call<CostsBody>(`/v1/pricing_plan/costs?currency=${currency}`, token);
        if (answer.status !== 200) throw new Error(`costs view answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        if ((answer.body.currencies?.[0]?.gateway_costs.length ?? 0) > 0 || Date.now() > deadline) return answer.body;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async balanceTransactionOf(merchant, paymentIntent) {
      const charges = await stripeClient(merchant.secret_key, baseUrl).charges.list({ payment_intent: paymentIntent, expand: ['data.balance_transaction'] });
      const transaction = charges.data[0]?.balance_transaction;
      if (typeof transaction !== 'object' || transaction === null) throw new Error('the charge has no balance transaction');
      return transaction;
    },
    async ledgerCheck() {
      const { stdout } = await run(process.execPath, ['scripts/ledger-check.mjs'], { env: { ...process.env, DATABASE_URL: target.databaseUrl } });
      return stdout;
    },
    async gatewayAccountsOnce(merchant, ready) {
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      try {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const { rows } = await client.query<LedgerAccountRow>(
            `SELECT "code", "currency", "balance"::int AS "balance" FROM "ledger"."ledger_accounts"
              WHERE "merchant_id" = $1 AND ("code" IN ('gateway_clearing', 'fx_conversion') OR "code" LIKE 'gateway\\_costs:%') ORDER BY 1, 2`,
            [merchant.merchant_id],
          );
          if (ready(rows) || Date.now() > deadline) return rows;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } finally {
        await client.end();
      }
    },
  };
}
