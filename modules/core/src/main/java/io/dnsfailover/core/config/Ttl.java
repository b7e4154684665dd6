package io.dnsfailover.core.config;

import java.util.Optional;

/** Reads a {@code ttl}: a hard range, and a warning above what failover can live with. */
final class Ttl {

  static final int DEFAULT = 30;
  static final int MAX = 86_400;

  /** Above this, resolvers keep serving a failed endpoint too long after a failover. */
  static final int RECOMMENDED_MAX = 300;

  private Ttl() {}

  static Optional<Integer> read(Fields fields, String key) {
    Optional<Integer> ttl = fields.integer(key, 1, MAX);
    ttl.filter(seconds -> seconds > RECOMMENDED_MAX)
        .ifPresent(
            seconds -> {
              Node at = fields.get(key).orElseThrow();
              fields
                  .values()
                  .problems()
                  .warning(
                      at,
                      fields.path(key),
                      at.describe()
                          + " seconds is above "
                          + RECOMMENDED_MAX
                          + ": resolvers may keep answering with a failed endpoint that long after"
                          + " a failover; use "
                          + RECOMMENDED_MAX
                          + " or less");
            });
    return ttl;
  }
}
