package io.dnsfailover.engine.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The secret that guards the status server. Only its SHA-256 digest is kept, and a presented token
 * is hashed and compared with {@link MessageDigest#isEqual} (constant time over equal-length
 * digests), so neither a timing difference nor a heap dump gives the token away, and {@link
 * #toString()} never shows it.
 *
 * <p>Accepted as {@code Authorization: Bearer <token>} (Prometheus' {@code authorization} / {@code
 * bearer_token_file}, curl) and as HTTP Basic with any user name and the token as the password, so
 * a person opening the status page in a browser gets the browser's own login prompt and the page's
 * requests carry the same credentials.
 */
public final class BearerToken {

  private final byte[] digest;

  private BearerToken(byte[] digest) {
    this.digest = digest;
  }

  /** A token; blank tokens are refused, since they would protect nothing. */
  public static BearerToken of(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the token must not be empty");
    }
    return new BearerToken(sha256(secret.strip()));
  }

  /** Whether an {@code Authorization} header value carries this token. */
  public boolean matches(Optional<String> authorization) {
    Optional<String> presented = authorization.flatMap(BearerToken::credential);
    // Hash even when nothing usable was presented, so every path costs the same.
    byte[] candidate = sha256(presented.orElse(""));
    return MessageDigest.isEqual(digest, candidate) && presented.isPresent();
  }

  private static Optional<String> credential(String header) {
    String value = header.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String rest = value.substring(space + 1).strip();
    return switch (scheme) {
      case "bearer" -> Optional.of(rest);
      case "basic" -> basicPassword(rest);
      default -> Optional.empty();
    };
  }

  private static Optional<String> basicPassword(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[****]";
  }
}
