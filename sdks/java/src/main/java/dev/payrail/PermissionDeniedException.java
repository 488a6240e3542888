package dev.payrail;

import java.net.http.HttpHeaders;

/** 403: the credentials may not do this (a publishable key, a missing OAuth scope). */
public class PermissionDeniedException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected PermissionDeniedException(Fields fields, HttpHeaders headers, String body) {
    super(fields, headers, body, null);
  }
}
