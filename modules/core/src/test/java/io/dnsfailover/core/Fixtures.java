package io.dnsfailover.core;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds config model values for tests without going through YAML. */
public final class Fixtures {

  public static final DnsName ZONE = DnsName.of("example.test.");

  private Fixtures() {}

  public static EndpointConfig endpoint(
      String recordName, RecordType type, String id, String address, int priority, int weight) {
    CheckSpec check =
        new CheckSpec(
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            2,
            3,
            Optional.empty(),
            Optional.empty(),
            new Probe.Tcp(address, 80));
    String key = DnsName.resolve(recordName, ZONE) + "/" + type + "/" + id;
    return new EndpointConfig(key, id, address, priority, weight, check);
  }

  public static EndpointConfig endpoint(
      String recordName, String id, String address, int priority) {
    return endpoint(recordName, RecordType.A, id, address, priority, 1);
  }

  /** {@code endpoint} answering the users at {@code location}, for a geo record. */
  public static EndpointConfig at(EndpointConfig endpoint, Location location) {
    return new EndpointConfig(
        endpoint.key(),
        endpoint.id(),
        endpoint.address(),
        endpoint.priority(),
        endpoint.weight(),
        endpoint.check(),
        Optional.of(location));
  }

  public static RecordConfig record(
      String name, Policy policy, WhenAllDown whenAllDown, EndpointConfig... endpoints) {
    return record(name, RecordType.A, policy, whenAllDown, false, endpoints);
  }

  public static RecordConfig record(
      String name,
      RecordType type,
      Policy policy,
      WhenAllDown whenAllDown,
      boolean adopt,
      EndpointConfig... endpoints) {
    return new RecordConfig(
        DnsName.resolve(name, ZONE),
        type,
        30,
        policy,
        whenAllDown,
        adopt,
        Arrays.asList(endpoints));
  }

  public static ZoneConfig zone(RecordConfig... records) {
    return new ZoneConfig(ZONE, "local", List.of(records));
  }
}
