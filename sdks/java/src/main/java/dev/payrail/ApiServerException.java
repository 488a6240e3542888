package dev.payrail;

import java.net.http.HttpHeaders;

/** 5xx, or no answer at all ({@link #status()} 0): retried by the client unless its retries ran out. */
public class ApiServerException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected ApiServerException(Fields fields, HttpHeaders headers, String body, Throwable cause) {
    super(fields, headers, body, cause);
  }
}
