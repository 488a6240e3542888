/** An HMAC-signed request, for the auth service to check against the signing key's secret. */
export interface VerifyRequestSignatureParams {
  /** `hk_…`, from `X-API-KEY`. */
  keyId: string;
  /** `METHOD\nPATH\nTIMESTAMP\nNONCE\nRAW_BODY`, base64: the exact bytes the merchant signed. */
  canonicalRequest: string;
  /** `X-API-SIGNATURE`: lowercase hex HMAC-SHA256. */
  signature: string;
}

export interface VerifiedRequestSignature {
  keyId: string;
  merchantId: string;
  livemode: boolean;
}
