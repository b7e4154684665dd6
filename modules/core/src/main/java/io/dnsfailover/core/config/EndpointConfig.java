package io.dnsfailover.core.config;

import io.dnsfailover.spi.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * One possible answer of a record and the check that decides whether it is healthy.
 *
 * @param key unique across the config: {@code <record name>/<type>/<id>}; health state, metrics and
 *     the state file are keyed by it
 * @param id the endpoint's id within its record
 * @param address an IPv4 literal (A), an IPv6 literal (AAAA) or a host name (CNAME)
 * @param priority lower is preferred by the failover policy, and by the geo policy within a
 *     location
 * @param weight 0..255, used by the weighted policy
 * @param check the fully merged check, with {@code {address}} already substituted
 * @param location where the users are that this endpoint answers, for the geo policy (which gives
 *     every endpoint one); empty for every other policy
 */
public record EndpointConfig(
    String key,
    String id,
    String address,
    int priority,
    int weight,
    CheckSpec check,
    Optional<Location> location) {

  public EndpointConfig {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(location, "location");
  }

  /** An endpoint without a location: of any policy but geo. */
  public EndpointConfig(
      String key, String id, String address, int priority, int weight, CheckSpec check) {
    this(key, id, address, priority, weight, check, Optional.empty());
  }
}
