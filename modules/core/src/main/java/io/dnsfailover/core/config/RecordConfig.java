package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import java.util.List;
import java.util.Objects;

/**
 * One managed record: a name and type whose answer the tool decides.
 *
 * @param type A, AAAA or CNAME
 * @param adopt take over a record that exists without our ownership marker
 * @param endpoints each with its check merged from the record's check and the defaults
 */
public record RecordConfig(
    DnsName name,
    RecordType type,
    int ttl,
    Policy policy,
    WhenAllDown whenAllDown,
    boolean adopt,
    List<EndpointConfig> endpoints) {

  public RecordConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(whenAllDown, "whenAllDown");
    endpoints = List.copyOf(endpoints);
  }

  public RecordKey key() {
    return new RecordKey(name, type);
  }
}
