package io.dnsfailover.engine;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.Zone;
import java.util.Objects;

/**
 * A zone whose provider call failed during a reconcile; other zones go on.
 *
 * @param stage "read" or "apply"
 */
public record ZoneFailure(Zone zone, String stage, ProviderException error) {
  public ZoneFailure {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(error, "error");
  }

  /** One line for logs and stderr: "zone example.test.: apply failed (TRANSIENT): ...". */
  public String describe() {
    return "zone "
        + zone.name()
        + ": "
        + stage
        + " failed ("
        + error.kind()
        + "): "
        + error.getMessage();
  }
}
