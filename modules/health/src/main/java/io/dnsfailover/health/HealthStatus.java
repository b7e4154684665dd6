package io.dnsfailover.health;

/** An endpoint's health after rise/fall hysteresis. */
public enum HealthStatus {
  /** Not probed yet: its first probe decides its initial state. */
  UNKNOWN,
  HEALTHY,
  UNHEALTHY
}
