package dev.payrail;

/**
 * One attempt of one request, as an {@link Authenticator} sees it.
 *
 * @param method the HTTP method, upper case
 * @param path the path with its query string, exactly as sent (percent-encoded)
 * @param body the raw body bytes, empty without a body
 */
public record OutgoingRequest(String method, String path, byte[] body) {}
