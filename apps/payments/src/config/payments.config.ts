import { PUBLIC_URL_OPTIONS, validateConfig } from '@payrail/messaging';
import { IsOptional, IsUrl } from 'class-validator';

/** The environment payments reads; checked at boot. */
export class PaymentsEnv {
  /** Makes 3-D Secure and receipt links absolute; without it they are paths the edge completes. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_PUBLIC_URL?: string;
}

export interface PaymentsConfig {
  publicUrl: string | undefined;
}

export function loadPaymentsConfig(env: NodeJS.ProcessEnv): PaymentsConfig {
  const validated = validateConfig(PaymentsEnv, { PAYRAIL_PUBLIC_URL: env.PAYRAIL_PUBLIC_URL || undefined });
  return { publicUrl: validated.PAYRAIL_PUBLIC_URL };
}
