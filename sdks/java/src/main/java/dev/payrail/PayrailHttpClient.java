package dev.payrail;

import dev.payrail.api.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The {@link HttpClient} every generated operation sends through: it authenticates each attempt, keys a POST for
 * idempotency, retries 429, 5xx and network errors, and turns a final non-2xx answer into a {@link PayrailException}.
 *
 * <p>The generated operations call {@code send} inside a method declared {@code throws ApiException}; the typed error
 * (an {@code ApiException}) is thrown from here unchecked-style so that it reaches the caller as itself rather than as
 * the generated code's generic "call failed" exception. It is still the checked exception the operation declares.
 */
final class PayrailHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final dev.payrail.Authenticator authenticator;
  private final RetryPolicy retryPolicy;
  private final RetryListener onRetry;

  PayrailHttpClient(HttpClient delegate, dev.payrail.Authenticator authenticator, RetryPolicy retryPolicy,
      RetryListener onRetry) {
    this.delegate = delegate;
    this.authenticator = authenticator;
    this.retryPolicy = retryPolicy;
    this.onRetry = onRetry;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    try {
      return sendWithRetries(request, handler);
    } catch (PayrailException typed) {
      throw PayrailHttpClient.<RuntimeException>rethrow(typed);
    }
  }

  private <T> HttpResponse<T> sendWithRetries(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws PayrailException, InterruptedException {
    byte[] body = request.bodyPublisher().map(PayrailHttpClient::readAll).orElse(new byte[0]);
    Map<String, String> extra = new HashMap<>();
    if ("POST".equals(request.method()) && request.headers().firstValue("Idempotency-Key").isEmpty()) {
      // One key for the call, whatever its retries: a retried POST gets the first answer, never a second charge.
      extra.put("Idempotency-Key", UUID.randomUUID().toString());
    }
    URI uri = withoutOneOfSegments(request.uri());
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    OutgoingRequest outgoing = new OutgoingRequest(request.method(), path, body);
    int retries = 0;
    boolean refreshedCredentials = false;
    while (true) {
      HttpRequest.Builder attempt = HttpRequest.newBuilder(request, (name, value) -> true).uri(uri);
      if (request.bodyPublisher().isPresent()) {
        // The original publisher was read to sign it; send exactly those bytes.
        attempt.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
      }
      extra.forEach(attempt::setHeader);
      if (authenticator != null) {
        authenticator.headers(outgoing).forEach(attempt::setHeader);
      }
      HttpResponse<T> response;
      try {
        response = delegate.send(attempt.build(), handler);
      } catch (IOException networkError) {
        if (!retryPolicy.shouldRetry(retries, null)) {
          throw PayrailException.networkError(networkError);
        }
        pause(retries++, null, null);
        continue;
      }
      int status = response.statusCode();
      if (status == 401 && authenticator != null && authenticator.refreshable() && !refreshedCredentials) {
        // A cached token can expire or be revoked between our clock and the server's: fetch another, retry once.
        discard(response);
        authenticator.invalidate();
        refreshedCredentials = true;
        continue;
      }
      if (retryPolicy.shouldRetry(retries, status)) {
        discard(response);
        pause(retries++, status, PayrailException.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        continue;
      }
      if (status / 100 != 2) {
        throw PayrailException.fromResponse(status, response.headers(), bodyText(response));
      }
      return response;
    }
  }

  /**
   * The generator writes a oneOf query parameter (a {@code created} that is a timestamp or a range) with the name of
   * the branch in it, {@code created[one_of_1][gte]=0}; the API reads {@code created[gte]=0} and {@code created=5}.
   */
  static URI withoutOneOfSegments(URI uri) {
    String query = uri.getRawQuery();
    if (query == null || !ONE_OF_SEGMENT.matcher(query).find()) {
      return uri;
    }
    String repaired = ONE_OF_SEGMENT.matcher(query).replaceAll("");
    String text = uri.toString();
    return URI.create(text.substring(0, text.indexOf('?') + 1) + repaired
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
  }

  private static final java.util.regex.Pattern ONE_OF_SEGMENT =
      java.util.regex.Pattern.compile("(?:\\[|%5B)one_of_\\d+(?:\\]|%5D)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private void pause(int retriesDone, Integer status, Duration retryAfter) throws InterruptedException {
    Duration delay = retryPolicy.delay(retriesDone, retryAfter);
    if (onRetry != null) {
      onRetry.onRetry(retriesDone + 1, status, delay);
    }
    Thread.sleep(delay.toMillis());
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream stream) {
      try (stream) {
        stream.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // The connection is dropped instead of reused; the retry opens another.
      }
    }
  }

  private static String bodyText(HttpResponse<?> response) {
    Object body = response.body();
    if (body instanceof InputStream) {
      @SuppressWarnings("unchecked")
      HttpResponse<InputStream> streamed = (HttpResponse<InputStream>) response;
      try (InputStream stream = ApiClient.getResponseBody(streamed)) {
        return stream == null ? null : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException unreadable) {
        return null;
      }
    }
    if (body instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return body == null ? null : body.toString();
  }

  /** The bytes a publisher sends (the generated operations use replayable byte-array and no-body publishers). */
  static byte[] readAll(HttpRequest.BodyPublisher publisher) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
      private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.writeBytes(chunk);
      }

      @Override
      public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        result.complete(out.toByteArray());
      }
    });
    return result.join();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable error) throws E {
    throw (E) error;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Executor executor = delegate.executor().orElse(null);
    java.util.function.Supplier<HttpResponse<T>> call = () -> {
      try {
        return sendWithRetries(request, handler);
      } catch (PayrailException | InterruptedException failure) {
        throw new CompletionException(failure);
      }
    };
    return executor == null ? CompletableFuture.supplyAsync(call) : CompletableFuture.supplyAsync(call, executor);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
