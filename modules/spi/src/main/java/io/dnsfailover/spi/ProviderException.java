package io.dnsfailover.spi;

import java.util.List;
import java.util.Objects;

/**
 * A provider call that failed. The {@link Kind} tells the engine what to do: the daemon retries
 * {@link Kind#TRANSIENT} failures on its next cycle; every kind makes {@code once} exit 1 with the
 * message. Messages never contain credentials.
 *
 * <p>A failed {@link DnsProvider#apply} may still have applied some of its changes (a provider that
 * cannot write a batch atomically, or one whose batch did not fit one request): {@link #applied()}
 * names them, so the engine reports them as done and never sends them again. It is empty when
 * nothing was applied, which is always the case for a batch the provider wrote all or nothing.
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
  private final transient List<Change> applied;

  public ProviderException(Kind kind, String message) {
    this(kind, message, null, List.of());
  }

  public ProviderException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, List.of());
  }

  /**
   * A failure of {@link DnsProvider#apply} after {@code applied} (changes of the same call) had
   * already taken effect.
   */
  public ProviderException(Kind kind, String message, Throwable cause, List<Change> applied) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.applied = List.copyOf(applied);
  }

  public Kind kind() {
    return kind;
  }

  /** The changes of the failed call that are in effect nonetheless, in the order applied. */
  public List<Change> applied() {
    return applied == null ? List.of() : applied;
  }
}
