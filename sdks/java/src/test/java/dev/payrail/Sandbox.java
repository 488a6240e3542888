package dev.payrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platform under test: PAYRAIL_URL and PAYRAIL_SANDBOX_CREDENTIALS (the sandbox-credentials.json a running
 * Payrail writes into its data folder), as .ci/sdk-java.sh sets them.
 */
record Sandbox(String url, String secretKey, String clientId, String clientSecret, String signingKey,
    String signingSecret) {
  private static Sandbox loaded;

  static synchronized Sandbox get() {
    if (loaded == null) {
      String url = System.getenv("PAYRAIL_URL");
      String file = System.getenv("PAYRAIL_SANDBOX_CREDENTIALS");
      if (url == null || file == null) {
        throw new IllegalStateException("set PAYRAIL_URL and PAYRAIL_SANDBOX_CREDENTIALS (see .ci/sdk-java.sh)");
      }
      try {
        JsonNode credentials = new ObjectMapper().readTree(Files.readString(Path.of(file)));
        loaded = new Sandbox(url, credentials.get("secret_key").asText(), credentials.get("client_id").asText(),
            credentials.get("client_secret").asText(), credentials.get("signing_key").asText(),
            credentials.get("signing_secret").asText());
      } catch (IOException unreadable) {
        throw new IllegalStateException("cannot read " + file, unreadable);
      }
    }
    return loaded;
  }

  static Payrail client() {
    return Payrail.builder(get().url()).apiKey(get().secretKey()).build();
  }

  @Override
  public String toString() {
    return "Sandbox[" + url + "]";
  }
}
