package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.spi.RecordKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Asks one authoritative server what it answers for one name and type. */
public interface Lookup {

  /**
   * The server's answer for {@code key}: its values in canonical form ({@link
   * io.dnsfailover.spi.RecordValues}), empty when the name or type does not exist there (NXDOMAIN,
   * NODATA); or why there is no answer (a timeout, REFUSED, SERVFAIL).
   */
  Answer query(VerifyConfig.Server server, RecordKey key, Duration timeout);

  /** What a server said. */
  sealed interface Answer {
    /** The values it answers; empty for NXDOMAIN or NODATA. */
    record Values(List<String> values) implements Answer {
      public Values {
        values = values.stream().sorted().distinct().toList();
      }
    }

    /** No usable answer, and why: "timed out", "REFUSED". */
    record Failed(String reason) implements Answer {
      public Failed {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
