package dev.payrail;

import java.time.Duration;

/** Told of every retry before its wait: its number from 1, the status (null for a network error), the wait. */
@FunctionalInterface
public interface RetryListener {
  void onRetry(int retryNumber, Integer status, Duration delay);
}
