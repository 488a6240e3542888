package dev.payrail;

import java.net.http.HttpHeaders;

/** 400, 404, 409, 422: the request cannot succeed as sent ({@code invalid_request_error}, {@code idempotency_error}). */
public class InvalidRequestException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected InvalidRequestException(Fields fields, HttpHeaders headers, String body) {
    super(fields, headers, body, null);
  }
}
