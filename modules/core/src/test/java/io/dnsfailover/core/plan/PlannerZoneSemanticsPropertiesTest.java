package io.dnsfailover.core.plan;

import static io.dnsfailover.core.Fixtures.endpoint;
import static io.dnsfailover.core.Fixtures.record;
import static io.dnsfailover.core.Fixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a zone holds and whatever the policies want, a plan never leaves a CNAME beside other
 * data at a name that was loadable before: the state a server refuses to load (RFC 1034 3.6.2).
 */
class PlannerZoneSemanticsPropertiesTest {

  /** What a name holds before the plan, besides what the config manages there. */
  enum Held {
    A,
    CNAME,
    TXT,
    MX,
    /** A CNAME at {@code _dnsfailover.<name>}, where the ownership marker would go. */
    CNAME_AT_MARKER
  }

  /** Whose marker the name has. */
  enum Marker {
    NONE,
    OURS,
    OTHER_OWNER
  }

  enum Wish {
    PUBLISH,
    REMOVE,
    KEEP
  }

  record NameCase(
      RecordType managedType, boolean adopt, Set<Held> held, Marker marker, Wish wish) {}

  private final Planner planner = new Planner("prod");

  @Property(tries = 500)
  void noPlanPutsACnameBesideOtherData(@ForAll("cases") List<NameCase> cases) {
    List<RecordConfig> records = new ArrayList<>();
    Map<RecordKey, Answer> answers = new HashMap<>();
    MapZone provider = new MapZone();
    for (int i = 0; i < cases.size(); i++) {
      NameCase nameCase = cases.get(i);
      String label = "n" + i;
      DnsName name = DnsName.of(label + ".example.test.");
      EndpointConfig endpoint =
          endpoint(
              label,
              nameCase.managedType(),
              "e",
              switch (nameCase.managedType()) {
                case CNAME -> "target.example.net.";
                case AAAA -> "2001:db8::1";
                case A, TXT -> "192.0.2.1";
              },
              1,
              1);
      RecordConfig record =
          record(
              label,
              nameCase.managedType(),
              Policy.FAILOVER,
              WhenAllDown.KEEP,
              nameCase.adopt(),
              endpoint);
      records.add(record);
      answers.put(record.key(), answer(nameCase.wish(), endpoint));
      for (Held held : nameCase.held()) {
        switch (held) {
          case A -> provider.put(RecordSet.of(name, RecordType.A, 60, List.of("198.51.100.1")));
          case CNAME ->
              provider.put(RecordSet.of(name, RecordType.CNAME, 60, List.of("old.example.net.")));
          case TXT -> provider.put(RecordSet.of(name, RecordType.TXT, 60, List.of("text")));
          case MX -> provider.other(name, "MX");
          case CNAME_AT_MARKER ->
              provider.put(
                  RecordSet.of(name.markerName(), RecordType.CNAME, 60, List.of("x.example.net.")));
        }
      }
      switch (nameCase.marker()) {
        case NONE -> {}
        case OURS -> provider.put(OwnershipMarker.recordFor(name, "prod", 60));
        case OTHER_OWNER -> provider.put(OwnershipMarker.recordFor(name, "staging", 60));
      }
    }
    ZoneConfig zoneConfig = zone(records.toArray(RecordConfig[]::new));
    Map<DnsName, Boolean> loadableBefore = new HashMap<>();
    for (RecordConfig record : records) {
      loadableBefore.put(record.name(), loadable(provider, record.name()));
      loadableBefore.put(
          record.name().markerName(), loadable(provider, record.name().markerName()));
    }

    ZonePlan plan =
        planner.plan(
            zoneConfig,
            "test",
            Capabilities.plain(),
            answers,
            provider.contents(Planner.keysToRead(zoneConfig)));
    provider.apply(plan.changes());

    for (DnsName name : loadableBefore.keySet()) {
      if (loadableBefore.get(name)) {
        assertThat(loadable(provider, name))
            .as("%s holds %s after %s", name, provider.typesAt(name), plan.changes())
            .isTrue();
      }
    }
  }

  private static boolean loadable(MapZone zone, DnsName name) {
    Set<String> types = zone.typesAt(name);
    return !types.contains("CNAME") || types.size() == 1;
  }

  private static Answer answer(Wish wish, EndpointConfig endpoint) {
    return switch (wish) {
      case PUBLISH -> new Answer.Publish(List.of(endpoint), "healthy");
      case REMOVE -> new Answer.Remove("all down");
      case KEEP -> new Answer.Keep("all down");
    };
  }

  @Provide
  Arbitrary<List<NameCase>> cases() {
    Arbitrary<NameCase> nameCase =
        Combinators.combine(
                Arbitraries.of(RecordType.A, RecordType.AAAA, RecordType.CNAME),
                Arbitraries.of(true, false),
                Arbitraries.of(Held.class).set().ofMaxSize(3),
                Arbitraries.of(Marker.class),
                Arbitraries.of(Wish.class))
            .as(NameCase::new);
    return nameCase.list().ofMinSize(1).ofMaxSize(4);
  }
}
