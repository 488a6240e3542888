import { IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import { Secret, validateConfig } from '@payrail/messaging';

/** The environment gateway-connectors needs; checked at boot, failing fast without echoing values. */
export class GatewayConnectorsEnv {
  /** Keys the card fingerprint HMAC: the same card gives the same fingerprint, and nothing else can be learnt. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_CARD_FINGERPRINT_KEY!: string;
  /** Where Razorpay's API is: the Razorpay simulator's address in tests and the embedded runtime. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) PAYRAIL_RAZORPAY_API_BASE?: string;
}

export const DEFAULT_RAZORPAY_API_BASE = 'https://api.razorpay.com';

export interface GatewayConnectorsConfig {
  cardFingerprintKey: string;
  /** Absent in hand-built test configs; the loader always sets it. */
  razorpayApiBase?: string;
}

export const GATEWAY_CONNECTORS_CONFIG = Symbol('GATEWAY_CONNECTORS_CONFIG');

export function loadGatewayConnectorsConfig(env: NodeJS.ProcessEnv): GatewayConnectorsConfig {
  const validated = validateConfig(GatewayConnectorsEnv, env);
  return {
    cardFingerprintKey: validated.PAYRAIL_CARD_FINGERPRINT_KEY,
    razorpayApiBase: (validated.PAYRAIL_RAZORPAY_API_BASE ?? DEFAULT_RAZORPAY_API_BASE).replace(/\/+$/, ''),
  };
}
