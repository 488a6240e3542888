import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { PUBLIC_URL_OPTIONS, Secret, validateConfig } from '@payrail/messaging';

/** Stripe's API; tests point it at stripe-mock. */
export const DEFAULT_STRIPE_API_BASE = 'https://api.stripe.com';

/** The environment gateway-connectors needs; checked at boot, failing fast without echoing values. */
export class GatewayConnectorsEnv {
  /** Keys the card fingerprint HMAC: the same card gives the same fingerprint, and nothing else can be learnt. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_CARD_FINGERPRINT_KEY!: string;
  /** Seals merchants' gateway credentials and webhook secrets at rest. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_SECRETS_KEY!: string;
  /** Makes gateway accounts' callback URLs absolute; without it they are paths the edge completes. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_PUBLIC_URL?: string;
  /** Where the Stripe connector sends its calls, without the `/v1`. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_STRIPE_API_BASE?: string;
  /** Where Razorpay's API is: the Razorpay simulator's address in tests. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_RAZORPAY_API_BASE?: string;
  /** How long an enabled gateway account may go without a call before a light probe asks it; 0 turns probes off. */
  @IsOptional() @IsInt() @ValidateIf((env: GatewayConnectorsEnv) => env.PAYRAIL_GATEWAY_PROBE_INTERVAL_MS !== 0) @Min(10_000) PAYRAIL_GATEWAY_PROBE_INTERVAL_MS?: number;
  /** Where Daraja's sandbox is for M-Pesa accounts of environment `sandbox`: the Daraja simulator's address in tests. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_MPESA_SANDBOX_API_BASE?: string;
  /** How long an M-Pesa prompt may go unanswered before the payment counts as expired. */
  @IsOptional() @IsInt() @Min(30) @Max(3600) PAYRAIL_MPESA_PROMPT_TIMEOUT_SECONDS?: number;
  /** How often the fee backfill looks for awaited gateway fees due for a check; also its first backoff. */
  @IsOptional() @IsInt() @Min(100) @Max(3_600_000) PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS?: number;
  /** How long after the payment an awaited gateway fee is still asked for. */
  @IsOptional() @IsInt() @Min(1) @Max(720) PAYRAIL_GATEWAY_FEE_GIVE_UP_AFTER_HOURS?: number;
}

/** Five minutes: often enough for `/v1/gateways/health` to notice a revoked key, rare enough not to bother a gateway. */
export const DEFAULT_GATEWAY_PROBE_INTERVAL_MS = 300_000;

export const DEFAULT_RAZORPAY_API_BASE = 'https://api.razorpay.com';
export const DEFAULT_MPESA_SANDBOX_API_BASE = 'https://sandbox.safaricom.co.ke';
/** Daraja's own prompt lapses after about a minute and a half (ResultCode 1037); this leaves room for its callback. */
export const DEFAULT_MPESA_PROMPT_TIMEOUT_SECONDS = 180;

/** A minute: Stripe usually accounts a card's funds within seconds to minutes of the capture. */
export const DEFAULT_GATEWAY_FEE_BACKFILL_INTERVAL_MS = 60_000;
/** Three days: longer than Stripe takes to account any payment method's funds, short enough to be noticed. */
export const DEFAULT_GATEWAY_FEE_GIVE_UP_AFTER_HOURS = 72;

export interface GatewayFeeBackfillOptions {
  intervalMs: number;
  giveUpAfterMs: number;
}

export interface GatewayConnectorsConfig {
  cardFingerprintKey: string;
  secretsKey: string;
  publicUrl: string | undefined;
  stripeApiBase: string;
  razorpayApiBase: string;
  /** 0: no probes. */
  probeIntervalMs: number;
  mpesaSandboxApiBase: string;
  mpesaPromptTimeoutMs: number;
  feeBackfill: GatewayFeeBackfillOptions;
}

export const GATEWAY_CONNECTORS_CONFIG = Symbol('GATEWAY_CONNECTORS_CONFIG');

export function loadGatewayConnectorsConfig(env: NodeJS.ProcessEnv): GatewayConnectorsConfig {
  const validated = validateConfig(GatewayConnectorsEnv, env);
  return {
    cardFingerprintKey: validated.PAYRAIL_CARD_FINGERPRINT_KEY,
    secretsKey: validated.PAYRAIL_SECRETS_KEY,
    publicUrl: validated.PAYRAIL_PUBLIC_URL,
    stripeApiBase: validated.PAYRAIL_STRIPE_API_BASE ?? DEFAULT_STRIPE_API_BASE,
    razorpayApiBase: (validated.PAYRAIL_RAZORPAY_API_BASE ?? DEFAULT_RAZORPAY_API_BASE).replace(/\/+$/, ''),
    probeIntervalMs: validated.PAYRAIL_GATEWAY_PROBE_INTERVAL_MS ?? DEFAULT_GATEWAY_PROBE_INTERVAL_MS,
    mpesaSandboxApiBase: (validated.PAYRAIL_MPESA_SANDBOX_API_BASE ?? DEFAULT_MPESA_SANDBOX_API_BASE).replace(/\/+$/, ''),
    mpesaPromptTimeoutMs: (validated.PAYRAIL_MPESA_PROMPT_TIMEOUT_SECONDS ?? DEFAULT_MPESA_PROMPT_TIMEOUT_SECONDS) * 1000,
    feeBackfill: {
      intervalMs: validated.PAYRAIL_GATEWAY_FEE_BACKFILL_INTERVAL_MS ?? DEFAULT_GATEWAY_FEE_BACKFILL_INTERVAL_MS,
      giveUpAfterMs: (validated.PAYRAIL_GATEWAY_FEE_GIVE_UP_AFTER_HOURS ?? DEFAULT_GATEWAY_FEE_GIVE_UP_AFTER_HOURS) * 3_600_000,
    },
  };
}
