package dev.payrail;

import java.util.Map;

/**
 * The way a server authenticates to Payrail (README "Authenticating"): gives the headers of one attempt of one
 * request.
 */
public interface Authenticator {
  Map<String, String> headers(OutgoingRequest request) throws PayrailException;

  /** The server refused the credentials (401): drop anything cached. */
  default void invalidate() {}

  /** Whether a 401 may be cured by {@link #invalidate()} and one more attempt (a cached token that went stale). */
  default boolean refreshable() {
    return false;
  }
}
