import type { VerifyApiKeyParams } from '@payrail/contracts';
import { IsString } from 'class-validator';

export class VerifyApiKeyDto implements VerifyApiKeyParams {
  /** Length and shape are judged by the service, so that any bad key gets the same `api_key_invalid`. */
  @IsString() key: string;
}
