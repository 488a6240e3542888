package dev.payrail;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to retry and how long to wait: exponential backoff with jitter, {@code Retry-After} when the server says.
 *
 * @param maxRetries retries after the first attempt
 * @param initialDelay the backoff ceiling of the first retry; it doubles with each retry
 * @param maxDelay the backoff ceiling never grows past this
 * @param maxRetryAfter never wait longer than this even if Retry-After asks for it: the caller would rather see the error
 * @param randomFraction a number in [0, 1) per wait
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter,
    DoubleSupplier randomFraction) {
  public static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

  public static RetryPolicy defaults() {
    return new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  public static RetryPolicy none() {
    return defaults().withMaxRetries(0);
  }

  public RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, initialDelay, maxDelay, maxRetryAfter, randomFraction);
  }

  public RetryPolicy withDelays(Duration initial, Duration max) {
    return new RetryPolicy(maxRetries, initial, max, maxRetryAfter, randomFraction);
  }

  public RetryPolicy withRandomFraction(DoubleSupplier fraction) {
    return new RetryPolicy(maxRetries, initialDelay, maxDelay, maxRetryAfter, fraction);
  }

  /**
   * @param retriesDone retries done so far
   * @param status the HTTP status, or null for a network error
   */
  public boolean shouldRetry(int retriesDone, Integer status) {
    return retriesDone < maxRetries && (status == null || RETRYABLE_STATUSES.contains(status));
  }

  /** The wait before retry number {@code retriesDone + 1}; {@code retryAfter} (may be null) wins over backoff. */
  public Duration delay(int retriesDone, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
    double ceiling = Math.min(maxDelay.toNanos(), initialDelay.toNanos() * Math.pow(2, retriesDone));
    // Half fixed, half random: spreads the retries of many clients without ever retrying at once.
    return Duration.ofNanos((long) (ceiling / 2 + ceiling / 2 * randomFraction.getAsDouble()));
  }
}
