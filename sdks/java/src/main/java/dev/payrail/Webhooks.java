package dev.payrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifying Payrail's webhook deliveries, for each signature scheme an endpoint can choose
 * (libs/signing/src/webhook-schemes.ts): {@code payrail} ({@code Payments-Signature}) and {@code stripe}
 * ({@code Stripe-Signature}), both {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}; {@code standard-webhooks}
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}); {@code sha256-hex}
 * ({@code X-Webhook-Signature: sha256=<hex HMAC of the body>}, no timestamp). Pass the body exactly as received.
 */
public final class Webhooks {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  public static final List<String> SCHEMES = List.of("payrail", "stripe", "standard-webhooks", "sha256-hex");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Webhooks() {}

  /** Verifies a delivery under the endpoint's scheme and returns the event it carries. */
  public static JsonNode constructEvent(byte[] payload, Map<String, String> headers, String secret, String scheme)
      throws WebhookVerificationException {
    return constructEvent(payload, headers, secret, scheme, DEFAULT_TOLERANCE, Instant.now());
  }

  public static JsonNode constructEvent(byte[] payload, Map<String, String> headers, String secret, String scheme,
      Duration tolerance, Instant now) throws WebhookVerificationException {
    switch (scheme) {
      case "payrail" -> verifyV1Header(payload, header(headers, "Payments-Signature"), secret, tolerance, now);
      case "stripe" -> verifyV1Header(payload, header(headers, "Stripe-Signature"), secret, tolerance, now);
      case "standard-webhooks" -> verifyStandardWebhooks(payload, headers, secret, tolerance, now);
      case "sha256-hex" -> verifySha256Hex(payload, header(headers, "X-Webhook-Signature"), secret);
      default -> throw new IllegalArgumentException("unknown webhook signature scheme " + scheme);
    }
    JsonNode event;
    try {
      event = MAPPER.readTree(payload);
    } catch (IOException notJson) {
      throw new WebhookVerificationException("the payload is not JSON", notJson);
    }
    if (event == null || !event.isObject()) {
      throw new WebhookVerificationException("the payload is not a JSON object");
    }
    return event;
  }

  /** {@code t=…,v1=…[,v1=…]} (the payrail and stripe schemes): passes if one v1 matches. */
  public static void verifyV1Header(byte[] payload, String header, String secret, Duration tolerance, Instant now)
      throws WebhookVerificationException {
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = part.substring(0, equals).trim();
      String value = part.substring(equals + 1);
      if (name.equals("t") && timestamp == null) {
        timestamp = value;
      } else if (name.equals("v1")) {
        signatures.add(value);
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new WebhookVerificationException("the signature header has no t= or no v1=");
    }
    long seconds = checkTimestamp(timestamp, tolerance, now);
    String expected = HexFormat.of().formatHex(
        Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), concat((seconds + ".").getBytes(StandardCharsets.UTF_8), payload)));
    if (signatures.stream().noneMatch(candidate -> constantTimeEquals(expected, candidate))) {
      throw new WebhookVerificationException("no signature matches the payload");
    }
  }

  public static void verifyStandardWebhooks(byte[] payload, Map<String, String> headers, String secret,
      Duration tolerance, Instant now) throws WebhookVerificationException {
    String eventId = header(headers, "webhook-id");
    long seconds = checkTimestamp(header(headers, "webhook-timestamp"), tolerance, now);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
    } catch (IllegalArgumentException notBase64) {
      throw new WebhookVerificationException("the secret is not a Standard Webhooks secret (whsec_ + base64)", notBase64);
    }
    byte[] signed = concat((eventId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), payload);
    String expected = Base64.getEncoder().encodeToString(Hmac.sha256(key, signed));
    boolean matched = false;
    for (String item : header(headers, "webhook-signature").split(" ")) {
      if (item.startsWith("v1,") && constantTimeEquals(expected, item.substring(3))) {
        matched = true;
      }
    }
    if (!matched) {
      throw new WebhookVerificationException("no signature matches the payload");
    }
  }

  /** The Payment Engine document's scheme. It signs no timestamp, so it cannot detect a replayed delivery. */
  public static void verifySha256Hex(byte[] payload, String header, String secret) throws WebhookVerificationException {
    String expected = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), payload));
    if (!constantTimeEquals(expected, header.trim())) {
      throw new WebhookVerificationException("the signature does not match the payload");
    }
  }

  private static long checkTimestamp(String timestamp, Duration tolerance, Instant now)
      throws WebhookVerificationException {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException notNumber) {
      throw new WebhookVerificationException("the signature's timestamp is not a number", notNumber);
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      throw new WebhookVerificationException("the signature's timestamp is outside the tolerance (a replay?)");
    }
    return seconds;
  }

  private static String header(Map<String, String> headers, String name) throws WebhookVerificationException {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
        return entry.getValue();
      }
    }
    throw new WebhookVerificationException("missing " + name + " header");
  }

  private static boolean constantTimeEquals(String expected, String candidate) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] joined = new byte[head.length + tail.length];
    System.arraycopy(head, 0, joined, 0, head.length);
    System.arraycopy(tail, 0, joined, head.length, tail.length);
    return joined;
  }
}
