package io.dnsfailover.core.config;

import java.util.Objects;

/**
 * One possible answer of a record and the check that decides whether it is healthy.
 *
 * @param key unique across the config: {@code <record name>/<type>/<id>}; health state, metrics and
 *     the state file are keyed by it
 * @param id the endpoint's id within its record
 * @param address an IPv4 literal (A), an IPv6 literal (AAAA) or a host name (CNAME)
 * @param priority lower is preferred by the failover policy
 * @param weight 0..255, used by the weighted policy
 * @param check the fully merged check, with {@code {address}} already substituted
 */
public record EndpointConfig(
    String key, String id, String address, int priority, int weight, CheckSpec check) {

  public EndpointConfig {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(check, "check");
  }
}
