import { createHmac } from 'node:crypto';
import type { Caller } from '@payrail/contracts';
import { DarajaSimulator } from '../../gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import type { DarajaAccount } from '../../gateway-connectors/src/connectors/mpesa/simulator/daraja-ledger.js';
import type { GatewayAccountsService } from '../../gateway-connectors/src/gateway-accounts/gateway-accounts.service.js';

/** Safaricom's own sandbox paybill, so that what the sandbox shows reads like Daraja's. */
const SANDBOX_SHORTCODE = '174379';
/** Long enough to watch the intent sit in `processing` while the "customer" answers the prompt. */
const SANDBOX_ANSWER_DELAY_MS = 3000;

export interface SandboxDaraja {
  simulator: DarajaSimulator;
  account: DarajaAccount;
}

/**
 * The embedded sandbox's M-Pesa: a Daraja simulator in this process, which the sandbox merchant's M-Pesa
 * account talks to, and which calls back into the edge like Daraja. Its credentials are derived from the
 * data dir's secrets key, so that the account stored on an earlier start still matches after a restart
 * (the simulator's state itself starts empty).
 */
export async function startSandboxDaraja(secretsKey: string): Promise<SandboxDaraja & { url: string }> {
  const account = sandboxDarajaAccount(secretsKey);
  const simulator = new DarajaSimulator([account], { callbackDelayMs: SANDBOX_ANSWER_DELAY_MS });
  return { simulator, account, url: await simulator.start() };
}

/** Gives the sandbox merchant its M-Pesa account (test mode), once. */
export async function ensureSandboxMpesaAccount(accounts: GatewayAccountsService, merchantId: string, daraja: SandboxDaraja): Promise<void> {
  const caller: Caller = { merchantId, livemode: false };
  if ((await accounts.list(caller, { gateway: 'mpesa', limit: 1 })).data.length > 0) return;
  const { account } = daraja;
  await accounts.create(caller, {
    gateway: 'mpesa',
    credentials: {
      consumer_key: account.consumerKey,
      consumer_secret: account.consumerSecret,
      shortcode: account.shortcode,
      passkey: account.passkey,
      environment: 'sandbox',
      initiator_name: 'sandboxapi',
      security_credential: derive(account.passkey, 'security-credential', 40),
    },
    metadata: { created_by: 'embedded sandbox' },
  });
}

function sandboxDarajaAccount(secretsKey: string): DarajaAccount {
  return {
    consumerKey: derive(secretsKey, 'consumer-key', 24),
    consumerSecret: derive(secretsKey, 'consumer-secret', 32),
    shortcode: SANDBOX_SHORTCODE,
    passkey: derive(secretsKey, 'passkey', 48),
  };
}

function derive(key: string, label: string, length: number): string {
  return createHmac('sha256', key).update(`payrail/sandbox-mpesa/${label}`).digest('base64url').replace(/[-_]/g, '').slice(0, length);
}
