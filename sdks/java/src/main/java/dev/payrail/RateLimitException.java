package dev.payrail;

import java.net.http.HttpHeaders;

/** 429: retried by the client unless its retries ran out; {@link #retryAfter()} says how long to wait. */
public class RateLimitException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected RateLimitException(Fields fields, HttpHeaders headers, String body) {
    super(fields, headers, body, null);
  }
}
