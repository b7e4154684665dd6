package io.dnsfailover.health;

import java.util.Locale;

/** An endpoint's health after rise/fall hysteresis. */
public enum HealthStatus {
  /** Not probed yet: its first probe decides its initial state. */
  UNKNOWN,
  HEALTHY,
  UNHEALTHY;

  /** "unknown", "healthy", "unhealthy": as logs, metrics labels and the status page write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
