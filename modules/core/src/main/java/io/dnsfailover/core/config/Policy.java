package io.dnsfailover.core.config;

/** How the health of a record's endpoints becomes its answer (see docs and DESIGN.md). */
public enum Policy {
  /** The healthy endpoints of the best (lowest) priority that has any; ties share the answer. */
  FAILOVER,
  /**
   * Every healthy endpoint with its weight; native weighted records where the provider has them.
   */
  WEIGHTED,
  /** Every healthy endpoint. */
  MULTIVALUE,
  /**
   * Per location, the healthy endpoints of the best priority there; a location with none is left
   * out, and its users get the {@code default} location's answer. Only on providers that answer by
   * location.
   */
  GEO
}
