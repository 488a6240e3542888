package dev.payrail;

import java.net.http.HttpHeaders;

/** 402: the card was declined; {@link #declineCode()} says why. */
public class CardException extends PayrailException {
  private static final long serialVersionUID = 1L;

  protected CardException(Fields fields, HttpHeaders headers, String body) {
    super(fields, headers, body, null);
  }
}
