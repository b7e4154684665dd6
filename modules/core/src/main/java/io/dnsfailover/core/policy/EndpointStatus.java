package io.dnsfailover.core.policy;

import java.util.Objects;

/**
 * What the policy knows of one endpoint: healthy or not after rise/fall, and the latest probe
 * detail ("HTTP 503") that reasons quote.
 */
public record EndpointStatus(boolean healthy, String detail) {
  public EndpointStatus {
    Objects.requireNonNull(detail, "detail");
  }

  public static EndpointStatus up(String detail) {
    return new EndpointStatus(true, detail);
  }

  public static EndpointStatus down(String detail) {
    return new EndpointStatus(false, detail);
  }
}
