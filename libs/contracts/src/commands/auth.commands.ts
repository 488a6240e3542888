export interface VerifyApiKeyParams {
  key: string;
}

export type ApiKeyType = 'secret' | 'publishable';

export interface VerifiedApiKey {
  keyId: string;
  merchantId: string;
  livemode: boolean;
  type: ApiKeyType;
}
