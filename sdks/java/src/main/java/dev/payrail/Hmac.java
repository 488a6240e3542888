package dev.payrail;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

final class Hmac {
  private Hmac() {}

  static byte[] sha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException impossible) {
      // Every Java runtime must provide HmacSHA256; an empty key is the only way here, and it is a caller's bug.
      throw new IllegalStateException("HMAC-SHA256 unavailable or the key is empty", impossible);
    }
  }
}
