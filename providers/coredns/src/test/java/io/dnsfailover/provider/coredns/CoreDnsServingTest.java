package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.provider.coredns.CoreDnsEtcdLookup.Rr;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What CoreDNS serves from what the provider wrote, decoded by {@link CoreDnsEtcdLookup}, and how
 * the provider and ExternalDNS's CoreDNS provider live side by side in one etcd.
 */
class CoreDnsServingTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.org."), "dns");

  /** The entries of ExternalDNS's CoreDNS tutorial (docs/tutorials/coredns-etcd.md). */
  private static final Map<String, String> EXTERNAL_DNS =
      Map.of(
          "/skydns/org/example/a/048b0377",
          "{\"host\":\"172.18.0.2\",\"targetstrip\":1}",
          "/skydns/org/example/a-a/1acbad7e",
          "{\"text\":\"\\\"heritage=external-dns,external-dns/owner=default,"
              + "external-dns/resource=service/default/a-g1-record\\\"\",\"targetstrip\":1}",
          "/skydns/org/example/aa/2b981607",
          "{\"host\":\"2001:db8::1\",\"targetstrip\":1}",
          "/skydns/org/example/aaaa-aa/1228708f",
          "{\"text\":\"\\\"heritage=external-dns,external-dns/owner=default,"
              + "external-dns/resource=service/default/aa-g1-record\\\"\",\"targetstrip\":1}");

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
  private static EtcdTestClient client;
  private DnsProvider provider;
  private CoreDnsEtcdLookup coreDns;

  @BeforeAll
  static void connect() {
    client = new EtcdTestClient(ETCD.cluster().endpoint());
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @BeforeEach
  void seedExternalDns() throws Exception {
    client.deleteAll();
    for (Map.Entry<String, String> entry : EXTERNAL_DNS.entrySet()) {
      client.put(entry.getKey(), entry.getValue());
    }
    provider = CoreDnsFailoverTest.provider(ETCD.cluster().endpoint());
    coreDns = new CoreDnsEtcdLookup(client::get, "/skydns", "example.org.");
  }

  @AfterEach
  void externalDnsEntriesAreUntouched() throws Exception {
    provider.close();
    Map<String, String> all = client.dump("/skydns/");
    EXTERNAL_DNS.forEach((key, value) -> assertThat(all).containsEntry(key, value));
  }

  @Test
  void everyTypeIsServedAsWritten() throws Exception {
    String longText = "v=spf1 " + "x".repeat(300);
    apply(
        create("www", RecordType.A, 30, "192.0.2.10", "192.0.2.11"),
        create("www", RecordType.AAAA, 30, "2001:db8::10"),
        create("alias", RecordType.CNAME, 60, "www.example.org."),
        create("away", RecordType.CNAME, 60, "target.example.net."),
        create("info", RecordType.TXT, 120, "hello \"world\"", longText),
        create("@", RecordType.A, 45, "192.0.2.99"),
        marker("www"));

    assertThat(coreDns.query("www.example.org", "A").answers())
        .containsExactlyInAnyOrder(
            new Rr("www.example.org.", "A", 30, "192.0.2.10"),
            new Rr("www.example.org.", "A", 30, "192.0.2.11"));
    assertThat(coreDns.query("www.example.org", "AAAA").answers())
        .containsExactly(new Rr("www.example.org.", "AAAA", 30, "2001:db8::10"));
    assertThat(coreDns.query("alias.example.org", "CNAME").answers())
        .containsExactly(new Rr("alias.example.org.", "CNAME", 60, "www.example.org."));
    assertThat(coreDns.query("alias.example.org", "A").answers())
        .containsExactlyInAnyOrder(
            new Rr("alias.example.org.", "CNAME", 60, "www.example.org."),
            new Rr("www.example.org.", "A", 30, "192.0.2.10"),
            new Rr("www.example.org.", "A", 30, "192.0.2.11"));
    assertThat(coreDns.query("away.example.org", "CNAME").answers())
        .containsExactly(new Rr("away.example.org.", "CNAME", 60, "target.example.net."));
    assertThat(coreDns.query("info.example.org", "TXT").answers())
        .containsExactlyInAnyOrder(
            new Rr("info.example.org.", "TXT", 120, "\"hello \\\"world\\\"\""),
            new Rr(
                "info.example.org.",
                "TXT",
                120,
                "\"" + longText.substring(0, 255) + "\" \"" + longText.substring(255) + "\""));
    assertThat(coreDns.query("www.example.org", "TXT").answers())
        .as("no owner data is served at the name")
        .isEmpty();
    assertThat(coreDns.query("_dnsfailover.www.example.org", "TXT").rcode()).isEqualTo("NXDOMAIN");
    assertThat(coreDns.query("example.org", "A").answers())
        .as("apex records live under dns/apex, where CoreDNS looks first")
        .containsExactly(new Rr("example.org.", "A", 45, "192.0.2.99"));
    Map<String, String> ours = new java.util.TreeMap<>(client.dump("/skydns/"));
    ours.keySet().removeAll(EXTERNAL_DNS.keySet());
    assertThat(ours.values())
        .as("served values carry no owner data")
        .hasSize(8)
        .noneMatch(value -> value.contains("dnsfailover") || value.contains("owner"));

    // ExternalDNS's records are still served next to ours.
    assertThat(coreDns.query("a.example.org", "A").answers())
        .containsExactly(new Rr("a.example.org.", "A", 300, "172.18.0.2"));
    assertThat(coreDns.query("aa.example.org", "AAAA").answers())
        .containsExactly(new Rr("aa.example.org.", "AAAA", 300, "2001:db8::1"));
  }

  @Test
  void externalDnsEntriesAreReadAsTheyAreServedAndNeverChanged() throws Exception {
    RecordKey a = new RecordKey(name("a"), RecordType.A);
    RecordKey aMarker = RecordKey.markerFor(name("a"));
    RecordKey registry = new RecordKey(name("a-a"), RecordType.TXT);

    List<RecordSet> read = provider.records(ZONE, Set.of(a, aMarker, registry));

    assertThat(read)
        .containsExactlyInAnyOrder(
            RecordSet.of(name("a"), RecordType.A, 300, List.of("172.18.0.2")),
            RecordSet.of(
                name("a-a"),
                RecordType.TXT,
                300,
                List.of(
                    "\"heritage=external-dns,external-dns/owner=default,"
                        + "external-dns/resource=service/default/a-g1-record\"")));
    RecordSet external = read.stream().filter(r -> r.key().equals(a)).findFirst().orElseThrow();
    for (Change change :
        List.of(
            new Change.Update(
                external,
                RecordSet.of(name("a"), RecordType.A, 300, List.of("192.0.2.1")),
                "take over"),
            new Change.Delete(external, "remove"))) {
      assertThatThrownBy(() -> provider.apply(ZONE, List.of(change)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
    }
    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(create("a", RecordType.A, 30, "192.0.2.1"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
  }

  @Test
  void externalDnsReadsOurEntriesAtTheRightNames() throws Exception {
    apply(
        create("www", RecordType.A, 30, "192.0.2.10", "192.0.2.11"),
        create("alias", RecordType.CNAME, 60, "www.example.org."),
        create("info", RecordType.TXT, 120, "hello"),
        marker("www"));

    List<String> endpoints = externalDnsRecords("/skydns/");

    assertThat(endpoints)
        .contains(
            "www.example.org A 192.0.2.10",
            "www.example.org A 192.0.2.11",
            "alias.example.org CNAME www.example.org.",
            "info.example.org TXT hello",
            "a.example.org A 172.18.0.2")
        .noneMatch(endpoint -> endpoint.contains("dnsfailover"));
  }

  @Test
  void aBrokenKeyUnderAManagedNameIsReportedNotRepaired() throws Exception {
    apply(create("www", RecordType.A, 30, "192.0.2.10"));
    RecordSet current =
        provider.records(ZONE, Set.of(new RecordKey(name("www"), RecordType.A))).getFirst();
    client.put("/skydns/org/example/www/broken", "{\"host\": 42}");

    assertThat(coreDns.query("www.example.org", "A").rcode()).isEqualTo("SERVFAIL");
    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE,
                    List.of(
                        new Change.Update(
                            current,
                            RecordSet.of(name("www"), RecordType.A, 30, List.of("192.0.2.20")),
                            "failover"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(e.getMessage()).contains("/skydns/org/example/www/broken");
            });
  }

  @Test
  void valuesCoreDnsWouldServeAsAnotherTypeAreRefused() {
    for (Change change :
        List.of(
            create("v4", RecordType.A, 30, "not-an-address"),
            create("v6", RecordType.AAAA, 30, "::ffff:192.0.2.1"),
            create("z", RecordType.A, 0, "192.0.2.1"))) {
      assertThatThrownBy(() -> provider.apply(ZONE, List.of(change)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
    }
  }

  @Test
  void aLargeApplyIsSplitBetweenNamesAndStillConverges() throws Exception {
    DnsProvider small =
        new CoreDnsProviderFactory()
            .create(
                new io.dnsfailover.spi.ProviderConfig(
                    "dns",
                    "coredns",
                    Map.of("endpoints", ETCD.cluster().endpoint(), "maxTxnOps", "8")));
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changes.add(create("n" + i, RecordType.A, 30, "192.0.2." + (10 + i), "192.0.2." + (100 + i)));
    }

    assertThat(small.apply(ZONE, changes).writeCalls()).isGreaterThan(1);
    for (int i = 0; i < 10; i++) {
      assertThat(coreDns.query("n" + i + ".example.org", "A").answers()).hasSize(2);
    }
    List<Change> tooBig = List.of(create("big", RecordType.A, 30, addresses(9)));
    assertThatThrownBy(() -> small.apply(ZONE, tooBig))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
    small.close();
  }

  /**
   * ExternalDNS's {@code Records()} (provider/coredns/coredns.go): every key under the prefix, the
   * name being the reversed key minus {@code targetstrip} labels, the type guessed from the host.
   */
  private static List<String> externalDnsRecords(String prefix) throws Exception {
    List<String> endpoints = new ArrayList<>();
    for (Map.Entry<String, String> entry : client.dump(prefix).entrySet()) {
      com.fasterxml.jackson.databind.JsonNode service =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry.getValue());
      List<String> domains =
          new ArrayList<>(List.of(entry.getKey().substring(prefix.length()).split("/")));
      Collections.reverse(domains);
      int strip = service.path("targetstrip").asInt(0);
      String name = String.join(".", domains.subList(strip, domains.size()));
      String host = service.path("host").asText("");
      String text = service.path("text").asText("");
      if (!host.isEmpty()) {
        String type = EtcdValues.ipLiteral(host).isPresent() ? "A" : "CNAME";
        endpoints.add(name + " " + type + " " + host);
      }
      if (!text.isEmpty()) {
        endpoints.add(name + " TXT " + text);
      }
    }
    return endpoints;
  }

  private void apply(Change... changes) throws ProviderException {
    provider.apply(ZONE, List.of(changes));
  }

  private static Change create(String name, RecordType type, int ttl, String... values) {
    return new Change.Create(RecordSet.of(name(name), type, ttl, List.of(values)), "test");
  }

  private static Change marker(String name) {
    return new Change.Create(
        RecordSet.of(
            name(name).markerName(),
            RecordType.TXT,
            30,
            List.of("heritage=dnsfailover,owner=prod-eu")),
        "marker");
  }

  private static String[] addresses(int count) {
    String[] addresses = new String[count];
    for (int i = 0; i < count; i++) {
      addresses[i] = "198.51.100." + (i + 1);
    }
    return addresses;
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE.name());
  }
}
