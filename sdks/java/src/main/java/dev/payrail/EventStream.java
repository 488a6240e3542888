package dev.payrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /v1/events/stream}: the merchant's events as they are recorded, each once, in the order of
 * {@code GET /v1/events}. {@link #next(Duration)} hands them out one by one; after a dropped connection (including
 * {@code 4008 slow_client}) the stream reconnects and resumes after the last event handed out, so nothing is skipped.
 * The credentials travel as headers of the upgrade request, never in the URL. Not thread-safe: one reader.
 */
public final class EventStream implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int NORMAL_CLOSURE = 1000;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private sealed interface Signal permits Frame, Closed, Failed {}

  private record Frame(String text) implements Signal {}

  private record Closed(int code) implements Signal {}

  private record Failed(Throwable error) implements Signal {}

  private final String baseUrl;
  private final Authenticator authenticator;
  private final List<String> types;
  private final HttpClient http;
  private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private String lastId;
  private WebSocket socket;
  private boolean closed;
  private int failures;

  private EventStream(String baseUrl, Authenticator authenticator, List<String> types, String startingAfter) {
    this.baseUrl = baseUrl;
    this.authenticator = authenticator;
    this.types = List.copyOf(types);
    this.lastId = startingAfter;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * Connects; a refused upgrade (bad credentials, an unknown {@code startingAfter}) throws the typed error.
   *
   * @param types exact types, groups ({@code charge.*}) or {@code *}; every event when empty
   * @param startingAfter replay the events recorded after this one first (may be null)
   */
  static EventStream open(String baseUrl, Authenticator authenticator, List<String> types, String startingAfter)
      throws PayrailException, InterruptedException {
    EventStream stream = new EventStream(baseUrl, authenticator, types, startingAfter);
    stream.connect();
    return stream;
  }

  /** The id of the last event handed out: keep it to resume later with {@code startingAfter}. */
  public String lastEventId() {
    return lastId;
  }

  /** The next event, or null when none came within {@code timeout}. */
  public JsonNode next(Duration timeout) throws PayrailException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed) {
      Signal signal = signals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (signal == null) {
        return null;
      }
      if (signal instanceof Frame frame) {
        JsonNode event;
        try {
          event = MAPPER.readTree(frame.text());
        } catch (IOException notJson) {
          continue;
        }
        failures = 0;
        lastId = event.path("id").asText(lastId);
        return event;
      }
      if (signal instanceof Closed done && done.code() == NORMAL_CLOSURE) {
        closed = true;
        return null;
      }
      // Dropped (any other close code, or a transport error): wait a little longer each time, then resume.
      failures++;
      Thread.sleep(Math.min(250L << Math.min(failures, 6), 10_000L));
      signals.clear();
      connect();
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(NORMAL_CLOSURE, "client done");
    }
    if (socket != null) {
      socket.abort();
    }
  }

  private void connect() throws PayrailException, InterruptedException {
    List<String> query = new ArrayList<>();
    for (String type : types) {
      query.add("types%5B%5D=" + URLEncoder.encode(type, StandardCharsets.UTF_8));
    }
    if (lastId != null) {
      query.add("starting_after=" + URLEncoder.encode(lastId, StandardCharsets.UTF_8));
    }
    String path = "/v1/events/stream" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + path);
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
    if (authenticator != null) {
      for (Map.Entry<String, String> header : authenticator.headers(new OutgoingRequest("GET", path, new byte[0])).entrySet()) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    try {
      socket = builder.buildAsync(uri, new Listener()).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof WebSocketHandshakeException refused) {
        throw refusal(refused.getResponse());
      }
      throw PayrailException.networkError(failed.getCause());
    } catch (TimeoutException slow) {
      throw PayrailException.networkError(slow);
    }
  }

  /** A refused upgrade is a plain HTTP answer in the error envelope (401, 403, 400, 404). */
  private static PayrailException refusal(HttpResponse<?> response) {
    Object body = response.body();
    String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
        : body == null ? null : body.toString();
    HttpHeaders headers = response.headers();
    return PayrailException.fromResponse(response.statusCode(), headers, text);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        signals.add(new Frame(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      signals.add(new Closed(statusCode));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      signals.add(new Failed(error));
    }
  }
}
