import { IsString, MinLength } from 'class-validator';
import { Secret, validateConfig } from '@payrail/messaging';

/** The environment gateway-connectors needs; checked at boot, failing fast without echoing values. */
export class GatewayConnectorsEnv {
  /** Keys the card fingerprint HMAC: the same card gives the same fingerprint, and nothing else can be learnt. */
  @Secret() @IsString() @MinLength(32) PAYRAIL_CARD_FINGERPRINT_KEY!: string;
}

export interface GatewayConnectorsConfig {
  cardFingerprintKey: string;
}

export const GATEWAY_CONNECTORS_CONFIG = Symbol('GATEWAY_CONNECTORS_CONFIG');

export function loadGatewayConnectorsConfig(env: NodeJS.ProcessEnv): GatewayConnectorsConfig {
  const validated = validateConfig(GatewayConnectorsEnv, env);
  return { cardFingerprintKey: validated.PAYRAIL_CARD_FINGERPRINT_KEY };
}
