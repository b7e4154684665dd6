package io.dnsfailover.spi;

import java.util.Objects;

/**
 * A provider call that failed. The {@link Kind} tells the engine what to do: the daemon retries
 * {@link Kind#TRANSIENT} failures on its next cycle; every kind makes {@code once} exit 1 with the
 * message. Messages never contain credentials.
 */
public class ProviderException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a provider call failed. */
  public enum Kind {
    /** Throttling, timeouts, 5xx, a lost connection: trying again later may succeed. */
    TRANSIENT,
    /** Missing or rejected credentials, or not allowed to do this. */
    AUTH,
    /** The zone (or file, or key prefix) does not exist. */
    NOT_FOUND,
    /** Someone else changed the record between our read and our write. */
    CONFLICT,
    /** The provider refused the request as invalid; retrying the same request cannot help. */
    INVALID
  }

  private final Kind kind;

  public ProviderException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ProviderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
