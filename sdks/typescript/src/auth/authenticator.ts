/** The request as it will go on the wire: what an authenticator may need to sign. */
export interface OutgoingRequest {
  method: string;
  /** The URL's path with its query string, exactly as sent. */
  pathWithQuery: string;
  /** The raw body ('' for none). */
  body: string;
}

/** Adds credentials to one attempt of a request (called again on every retry: signatures and tokens are per attempt). */
export interface Authenticator {
  headers(request: OutgoingRequest): Promise<{ [name: string]: string }>;
  /**
   * The API refused the credentials (401): drop anything cached and say whether new ones are worth one more
   * attempt (a revoked OAuth token is; a wrong API key is not).
   */
  renewAfterRefusal?(): boolean;
}
