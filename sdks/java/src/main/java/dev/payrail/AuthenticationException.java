package dev.payrail;

import java.net.http.HttpHeaders;

/** 401: missing, wrong, expired or revoked credentials, or a bad signature. */
public class AuthenticationException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected AuthenticationException(Fields fields, HttpHeaders headers, String body) {
    super(fields, headers, body, null);
  }
}
