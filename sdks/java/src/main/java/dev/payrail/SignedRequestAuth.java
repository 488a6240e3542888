package dev.payrail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * HMAC-signed requests: {@code X-API-SIGNATURE} is the hex HMAC-SHA256 of {@code METHOD\nPATH\nTIMESTAMP\nNONCE\nRAW_BODY}
 * (libs/signing/src/request-signature.ts). A new timestamp and nonce for every attempt: the platform accepts a nonce
 * once and refuses a timestamp older than five minutes.
 */
public final class SignedRequestAuth implements Authenticator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String signingKey;
  private final String signingSecret;
  private final LongSupplier epochSeconds;

  public SignedRequestAuth(String signingKey, String signingSecret) {
    this(signingKey, signingSecret, () -> System.currentTimeMillis() / 1000);
  }

  public SignedRequestAuth(String signingKey, String signingSecret, LongSupplier epochSeconds) {
    this.signingKey = signingKey;
    this.signingSecret = signingSecret;
    this.epochSeconds = epochSeconds;
  }

  public static byte[] canonicalRequest(String method, String path, String timestamp, String nonce, byte[] body) {
    byte[] head = (method.toUpperCase(java.util.Locale.ROOT) + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[head.length + body.length];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(body, 0, message, head.length, body.length);
    return message;
  }

  public static String sign(String secret, String method, String path, String timestamp, String nonce, byte[] body) {
    return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
        canonicalRequest(method, path, timestamp, nonce, body)));
  }

  @Override
  public Map<String, String> headers(OutgoingRequest request) {
    String timestamp = Long.toString(epochSeconds.getAsLong());
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    String signature = sign(signingSecret, request.method(), request.path(), timestamp, nonce, request.body());
    return Map.of("X-API-KEY", signingKey, "X-API-TIMESTAMP", timestamp, "X-API-NONCE", nonce,
        "X-API-SIGNATURE", signature);
  }

  @Override
  public String toString() {
    return "SignedRequestAuth[" + signingKey + "]";
  }
}
