package io.dnsfailover.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeteredDnsProviderTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dns");
  private static final RecordSet APP =
      RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 20, List.of("192.0.2.10"));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsAndTimesEveryCallAndTheWritesOfAnApply() throws Exception {
    InMemoryDnsProvider memory = new InMemoryDnsProvider();
    MeteredDnsProvider provider = new MeteredDnsProvider("dns", memory, registry);

    provider.records(ZONE, Set.of(APP.key()));
    provider.apply(ZONE, List.of(new Change.Create(APP, "new")));
    List<RecordSet> after = provider.records(ZONE, Set.of(APP.key()));

    assertThat(after).containsExactly(APP);
    assertThat(provider.type()).isEqualTo("memory");
    assertThat(count(MetricNames.PROVIDER_CALLS, "records")).isEqualTo(2.0);
    assertThat(count(MetricNames.PROVIDER_CALLS, "apply")).isEqualTo(1.0);
    assertThat(
            registry
                .get(MetricNames.PROVIDER_CALL_DURATION)
                .tag("operation", "records")
                .tag("provider", "dns")
                .tag("provider_type", "memory")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(registry.get(MetricNames.PROVIDER_WRITES).tag("provider", "dns").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void passesContentsOnAndCountsThemAsARecordsCall() throws Exception {
    InMemoryDnsProvider memory = new InMemoryDnsProvider();
    DnsName mail = DnsName.of("mail.example.test.");
    memory.seedOther(ZONE, mail, "MX");
    MeteredDnsProvider provider = new MeteredDnsProvider("dns", memory, registry);

    ZoneContents contents = provider.contents(ZONE, Set.of(new RecordKey(mail, RecordType.CNAME)));

    assertThat(contents.otherTypesAt(mail)).containsExactly("MX");
    assertThat(count(MetricNames.PROVIDER_CALLS, "records")).isEqualTo(1.0);
  }

  @Test
  void passesAFenceOnSoTheProviderCanCheckItAtomically() throws Exception {
    List<Fence> seen = new java.util.ArrayList<>();
    DnsProvider fenceAware =
        new DnsProvider() {
          @Override
          public String type() {
            return "fence-aware";
          }

          @Override
          public Capabilities capabilities() {
            return Capabilities.plain();
          }

          @Override
          public List<RecordSet> records(Zone zone, Set<RecordKey> keys) {
            return List.of();
          }

          @Override
          public ApplyResult apply(Zone zone, List<Change> changes) {
            throw new AssertionError("the fenced apply must reach the provider as such");
          }

          @Override
          public ApplyResult apply(Zone zone, List<Change> changes, Fence fence) {
            seen.add(fence);
            return new ApplyResult(changes, 1);
          }
        };
    Fence fence = () -> {};

    new MeteredDnsProvider("dns", fenceAware, registry)
        .apply(ZONE, List.of(new Change.Create(APP, "new")), fence);

    assertThat(seen).containsExactly(fence);
    assertThat(count(MetricNames.PROVIDER_CALLS, "apply")).isEqualTo(1.0);
  }

  @Test
  void countsErrorsByKindAndThrottlesAndRethrows() {
    MeteredDnsProvider provider =
        new MeteredDnsProvider(
            "dns",
            new Failing(
                new ProviderException(Kind.TRANSIENT, "Rate exceeded: Throttling"),
                new ProviderException(Kind.AUTH, "The security token is invalid")),
            registry);

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(APP, "new"))))
        .isInstanceOf(ProviderException.class)
        .hasMessage("Rate exceeded: Throttling");
    assertThatThrownBy(() -> provider.records(ZONE, Set.of()))
        .hasMessage("The security token is invalid");

    assertThat(errors("apply", "transient")).isEqualTo(1.0);
    assertThat(errors("apply", "auth")).isZero();
    assertThat(errors("records", "auth")).isEqualTo(1.0);
    assertThat(errors("records", "conflict")).as("every kind is there from the start").isZero();
    assertThat(count(MetricNames.PROVIDER_THROTTLES, "apply")).isEqualTo(1.0);
    assertThat(count(MetricNames.PROVIDER_THROTTLES, "records")).isZero();
    assertThat(count(MetricNames.PROVIDER_CALLS, "apply")).isEqualTo(1.0);
  }

  private double count(String name, String operation) {
    return registry.get(name).tag("provider", "dns").tag("operation", operation).counter().count();
  }

  private double errors(String operation, String kind) {
    return registry
        .get(MetricNames.PROVIDER_ERRORS)
        .tag("operation", operation)
        .tag("kind", kind)
        .counter()
        .count();
  }

  /** Fails apply with one error and records with another. */
  private record Failing(ProviderException onApply, ProviderException onRecords)
      implements DnsProvider {
    @Override
    public String type() {
      return "failing";
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.plain();
    }

    @Override
    public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
      throw onRecords;
    }

    @Override
    public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
      throw onApply;
    }
  }
}
