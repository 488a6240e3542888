package dev.payrail;

import java.util.Map;

/** A secret API key ({@code sk_test_…}, {@code sk_live_…}) sent as a bearer token. */
public final class ApiKeyAuth implements Authenticator {
  private final String secretKey;

  public ApiKeyAuth(String secretKey) {
    this.secretKey = secretKey;
  }

  @Override
  public Map<String, String> headers(OutgoingRequest request) {
    return Map.of("Authorization", "Bearer " + secretKey);
  }

  @Override
  public String toString() {
    return "ApiKeyAuth[redacted]";
  }
}
