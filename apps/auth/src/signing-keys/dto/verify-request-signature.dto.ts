import type { VerifyRequestSignatureParams } from '@payrail/contracts';
import { IsBase64, IsString, MaxLength } from 'class-validator';

/** The edge's body limit (1 MiB) plus the signed head, in base64. */
export const MAX_CANONICAL_REQUEST_BASE64_LENGTH = 1_450_000;

export class VerifyRequestSignatureDto implements VerifyRequestSignatureParams {
  /** Shape is judged by the service, so that any unknown key gets the same `signing_key_invalid`. */
  @IsString() @MaxLength(256) keyId: string;
  @IsString() @IsBase64() @MaxLength(MAX_CANONICAL_REQUEST_BASE64_LENGTH) canonicalRequest: string;
  @IsString() @MaxLength(256) signature: string;
}
