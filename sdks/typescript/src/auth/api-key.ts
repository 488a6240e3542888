import type { Authenticator } from './authenticator.js';

/** A secret API key (`sk_test_…`, `sk_live_…`) as `Authorization: Bearer`. */
export class ApiKeyAuthenticator implements Authenticator {
  constructor(private readonly apiKey: string) {
    if (!apiKey) throw new Error('An API key is required');
  }

  async headers(): Promise<{ [name: string]: string }> {
    return { Authorization: `Bearer ${this.apiKey}` };
  }
}
