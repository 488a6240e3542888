package dev.payrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payrail.api.ApiException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * Any non-2xx answer, built from Payrail's error envelope {@code {"error": {"type", "code", "message", "param", ...}}}.
 * Extends the generated {@link ApiException}, so code catching that still works; {@link #getCode()} stays the HTTP
 * status there, and the envelope's code is {@link #errorCode()}.
 */
public class PayrailException extends ApiException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final int status;
  private final String type;
  private final String errorCode;
  private final String param;
  private final String declineCode;
  private final String requestId;
  private final Duration retryAfter;
  private final transient Map<String, Object> details;

  protected PayrailException(Fields fields, HttpHeaders headers, String body, Throwable cause) {
    super(fields.message(), cause, fields.status(), headers, body);
    this.status = fields.status();
    this.type = fields.type();
    this.errorCode = fields.code();
    this.param = fields.param();
    this.declineCode = fields.declineCode();
    this.requestId = fields.requestId();
    this.retryAfter = fields.retryAfter();
    this.details = fields.details() == null ? null : Collections.unmodifiableMap(fields.details());
  }

  /** What the envelope said, gathered before the exception class is chosen. */
  protected record Fields(int status, String message, String type, String code, String param, String declineCode,
      String requestId, Duration retryAfter, Map<String, Object> details) {}

  /** The HTTP status; 0 when no answer came (a network error after the retries ran out). */
  public int status() {
    return status;
  }

  /** {@code invalid_request_error}, {@code card_error}, {@code api_error}, ... */
  public String type() {
    return type;
  }

  /** The catalogue code, e.g. {@code insufficient_funds}. */
  public String errorCode() {
    return errorCode;
  }

  public String param() {
    return param;
  }

  public String declineCode() {
    return declineCode;
  }

  public String requestId() {
    return requestId;
  }

  /** The server's Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The envelope's {@code details} object, or null. */
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append(": ").append(status).append(' ')
        .append(type == null ? "error" : type);
    if (errorCode != null) {
      text.append(" code=").append(errorCode);
    }
    if (param != null) {
      text.append(" param=").append(param);
    }
    if (requestId != null) {
      text.append(" request_id=").append(requestId);
    }
    return text.append(": ").append(getMessage()).toString();
  }

  /** Delta-seconds (what Payrail sends); null when absent, negative or not a number. */
  public static Duration parseRetryAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value.trim());
      return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofMillis((long) (seconds * 1000)) : null;
    } catch (NumberFormatException notSeconds) {
      return null;
    }
  }

  /** The typed error for an answer; {@code body} may be null or not JSON. */
  public static PayrailException fromResponse(int status, HttpHeaders headers, String body) {
    JsonNode error = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode parsed = MAPPER.readTree(body);
        if (parsed != null && parsed.path("error").isObject()) {
          error = parsed.get("error");
        }
      } catch (JsonProcessingException notJson) {
        error = null;
      }
    }
    String type = text(error, "type");
    String message = text(error, "message");
    if (message == null) {
      message = body == null || body.isBlank() ? "HTTP " + status : body;
    }
    Map<String, Object> details = null;
    if (error != null && error.path("details").isObject()) {
      details = MAPPER.convertValue(error.get("details"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }
    String requestId = headers.firstValue("Request-Id").orElse(text(error, "request_id"));
    Fields fields = new Fields(status, message, type, text(error, "code"), text(error, "param"),
        text(error, "decline_code"), requestId, parseRetryAfter(headers.firstValue("Retry-After").orElse(null)), details);
    if (status == 429 || "rate_limit_error".equals(type)) {
      return new RateLimitException(fields, headers, body);
    }
    if ("card_error".equals(type) || status == 402) {
      return new CardException(fields, headers, body);
    }
    if (status == 401) {
      return new AuthenticationException(fields, headers, body);
    }
    if (status == 403) {
      return new PermissionDeniedException(fields, headers, body);
    }
    if (status >= 500) {
      return new ApiServerException(fields, headers, body, null);
    }
    return new InvalidRequestException(fields, headers, body);
  }

  /** No answer: the connection failed or timed out on every attempt. */
  public static ApiServerException networkError(Throwable cause) {
    Fields fields = new Fields(0, "network error: " + cause, null, null, null, null, null, null, null);
    return new ApiServerException(fields, null, null, cause);
  }

  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
