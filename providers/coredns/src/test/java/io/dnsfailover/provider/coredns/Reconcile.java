package io.dnsfailover.provider.coredns;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.Planner;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.core.policy.PolicyEvaluator;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One zone's reconcile as the engine's {@code Reconciler} does it (read, plan with the real {@link
 * Planner} and its ownership rules, apply; on CONFLICT read, re-plan and apply once more), without
 * the engine module, which providers do not depend on.
 */
final class Reconcile {

  private Reconcile() {}

  static ZonePlan once(
      DnsProvider provider, ZoneConfig zone, String ownerId, Map<String, EndpointStatus> health)
      throws ProviderException {
    ZonePlan plan = plan(provider, zone, ownerId, health);
    if (plan.changes().isEmpty()) {
      return plan;
    }
    try {
      provider.apply(zone.zone(), plan.changes());
      return plan;
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.CONFLICT) {
        throw e;
      }
      ZonePlan again = plan(provider, zone, ownerId, health);
      if (!again.changes().isEmpty()) {
        provider.apply(zone.zone(), again.changes());
      }
      return again;
    }
  }

  static ZonePlan plan(
      DnsProvider provider, ZoneConfig zone, String ownerId, Map<String, EndpointStatus> health)
      throws ProviderException {
    List<RecordSet> current = provider.records(zone.zone(), Planner.keysToRead(zone));
    Map<RecordKey, Answer> answers = new HashMap<>();
    for (RecordConfig record : zone.records()) {
      answers.put(record.key(), PolicyEvaluator.decide(record, health));
    }
    return new Planner(ownerId)
        .plan(zone, provider.type(), provider.capabilities(), answers, current);
  }

  /** A failover A record with one endpoint per address, priorities in the order given. */
  static RecordConfig failover(DnsName name, int ttl, String... addresses) {
    return record(name, RecordType.A, ttl, Policy.FAILOVER, false, addresses);
  }

  static RecordConfig record(
      DnsName name, RecordType type, int ttl, Policy policy, boolean adopt, String... addresses) {
    List<EndpointConfig> endpoints = new java.util.ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      String id = "e" + (i + 1);
      endpoints.add(
          new EndpointConfig(
              name + "/" + type + "/" + id, id, addresses[i], i + 1, 100, check(addresses[i])));
    }
    return new RecordConfig(name, type, ttl, policy, WhenAllDown.KEEP, adopt, endpoints);
  }

  /** Health for every endpoint of {@code record}: the given ids down, the rest up. */
  static Map<String, EndpointStatus> health(RecordConfig record, String... downIds) {
    Map<String, EndpointStatus> health = new HashMap<>();
    List<String> down = List.of(downIds);
    for (EndpointConfig endpoint : record.endpoints()) {
      health.put(
          endpoint.key(),
          down.contains(endpoint.id())
              ? EndpointStatus.down("connection refused")
              : EndpointStatus.up("connected"));
    }
    return health;
  }

  private static CheckSpec check(String address) {
    return new CheckSpec(
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        1,
        1,
        Optional.empty(),
        Optional.empty(),
        new Probe.Tcp(address, 80));
  }
}
