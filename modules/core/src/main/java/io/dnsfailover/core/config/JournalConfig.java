package io.dnsfailover.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's event journal ({@code journal:}): one JSON line per event, rotated by size.
 *
 * @param path the journal file; empty means the default, {@code
 *     $XDG_STATE_HOME/dnsfailover/<ownerId>.events.jsonl}. A relative path is relative to the
 *     working directory, like a zone file's path.
 * @param maxBytes the size at which the file is rotated to {@code <path>.1}
 * @param keep how many rotated files to keep ({@code <path>.1} is the newest); 0 keeps none
 */
public record JournalConfig(Optional<Path> path, long maxBytes, int keep) {

  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  public static final JournalConfig DEFAULT =
      new JournalConfig(Optional.empty(), DEFAULT_MAX_BYTES, DEFAULT_KEEP);

  public JournalConfig {
    Objects.requireNonNull(path, "path");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    if (keep < 0) {
      throw new IllegalArgumentException("keep must not be negative, was " + keep);
    }
  }
}
