package io.dnsfailover.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.Reconciler;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.TestConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reconcile cost: provider API calls per reconcile pass through the real {@link Reconciler}, for Z
 * zones of R failover records each (default 3 x 100), in three situations: nothing changed, one
 * endpoint failed, and every primary of one zone failed at once (a data-centre outage). Counted
 * with the testkit's {@link InMemoryDnsProvider} (one per zone) and with the real Route 53 provider
 * against WireMock answering Route 53's REST API on 127.0.0.1, counting the HTTP requests it gets.
 */
final class ReconcileCost {

  private static final String NAME = "reconcile cost";
  private static final String OWNER = "benchmark";

  private ReconcileCost() {}

  static void run(Options options, Results results) throws Exception {
    int zones = options.integer("zones", 3);
    int records = options.integer("records", 100);
    String name = NAME + " (" + zones + " zones x " + records + " records)";
    System.out.printf("%s: in-memory provider, then Route 53 against WireMock%n", name);
    Path dir = Files.createTempDirectory("dnsfailover-bench-reconcile-");

    // In memory: one provider per zone, so every call is attributed to its zone.
    Map<String, InMemoryDnsProvider> memory = new LinkedHashMap<>();
    for (int z = 0; z < zones; z++) {
      memory.put("p" + z, new InMemoryDnsProvider());
    }
    Config config = load(dir, yaml(zones, records, z -> "{ type: memory }"));
    Reconciler reconciler = new Reconciler(config, new Providers(Map.copyOf(memory)));
    Map<String, EndpointStatus> allUp = health(config, Set.of());
    Map<String, EndpointStatus> oneDown = health(config, Set.of(primaryKey(config, 0, 0)));
    Map<String, EndpointStatus> zoneDown = health(config, primaryKeys(config, 0));

    Calls first = memoryCalls(memory, () -> reconciler.reconcile(allUp));
    Calls unchanged = memoryCalls(memory, () -> reconciler.reconcile(allUp));
    Calls one = memoryCalls(memory, () -> reconciler.reconcile(oneDown));
    memoryCalls(memory, () -> reconciler.reconcile(allUp)); // fail back
    Calls outage = memoryCalls(memory, () -> reconciler.reconcile(zoneDown));
    String provider = "in-memory";
    results.info(name, provider + ": first publish, writes", first.writes(zones));
    verdicts(results, name, provider, "reads / writes", records, zones, unchanged, one, outage);

    // Route 53 through the real provider and AWS SDK, against WireMock.
    System.setProperty("aws.accessKeyId", "benchmark");
    System.setProperty("aws.secretAccessKey", "benchmark");
    WireMockServer wire =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(8));
    wire.start();
    try {
      // The state WireMock lists: what the in-memory run published with every endpoint up.
      InMemoryDnsProvider published = new InMemoryDnsProvider();
      new Reconciler(config, new Providers(providersLike(config, published))).reconcile(allUp);
      String base = "http://127.0.0.1:" + wire.port();
      Config route53 =
          load(
              dir,
              yaml(
                  zones,
                  records,
                  z ->
                      "{ type: route53, hostedZoneId: Z"
                          + z
                          + ", endpoint: \""
                          + base
                          + "\", maxRequestsPerSecond: 100 }"));
      for (int z = 0; z < zones; z++) {
        ZoneConfig zone = route53.zones().get(z);
        wire.stubFor(
            get(urlPathMatching(rrset(z))).willReturn(xml(listing(published.all(zone.zone())))));
        wire.stubFor(post(urlPathMatching(rrset(z))).willReturn(xml(changeInfo())));
      }
      wire.stubFor(
          get(urlPathMatching("/2013-04-01/change/.*"))
              .willReturn(xml(changeInfo().replace("Change", "GetChange"))));
      try (Providers providers = Providers.create(route53, ConfigLoader.discoverFactories())) {
        Reconciler r53 = new Reconciler(route53, providers);
        Map<String, EndpointStatus> up = health(route53, Set.of());
        Map<String, EndpointStatus> down = health(route53, Set.of(primaryKey(route53, 0, 0)));
        Map<String, EndpointStatus> dcDown = health(route53, primaryKeys(route53, 0));
        provider = "Route 53 (WireMock)";
        Calls r53Unchanged = wireCalls(wire, zones, () -> check(r53.reconcile(up)));
        Calls r53One = wireCalls(wire, zones, () -> check(r53.reconcile(down)));
        Calls r53Outage = wireCalls(wire, zones, () -> check(r53.reconcile(dcDown)));
        verdicts(
            results, name, provider, "GET / POST", records, zones, r53Unchanged, r53One, r53Outage);
      }
    } finally {
      wire.stop();
    }
  }

  /**
   * The three verdicts for one provider: nothing changed (0 writes), one endpoint down and a whole
   * zone's primaries down (1 write each, in the first zone only).
   *
   * @param calls how the provider's read and write calls are named, as {@code "reads / writes"}
   */
  private static void verdicts(
      Results results,
      String name,
      String provider,
      String calls,
      int records,
      int zones,
      Calls unchanged,
      Calls one,
      Calls outage) {
    String writes = calls.substring(calls.indexOf("/ ") + 2);
    results.add(
        name,
        provider + ": nothing changed, " + calls,
        unchanged.reads(zones) + " / " + unchanged.writes(zones),
        "0 writes",
        unchanged.totalWrites() == 0);
    results.add(
        name,
        provider + ": one endpoint down, " + calls,
        one.reads(zones) + " / " + one.writes(zones),
        "1 write, in its zone only",
        one.totalWrites() == 1 && one.writesPerZone()[0] == 1);
    results.add(
        name,
        provider + ": all " + records + " primaries of a zone down, " + writes,
        outage.writes(zones),
        "1 write, in its zone only",
        outage.totalWrites() == 1 && outage.writesPerZone()[0] == 1);
  }

  /** Calls per zone during one pass. */
  record Calls(int[] readsPerZone, int[] writesPerZone) {
    int totalWrites() {
      int sum = 0;
      for (int w : writesPerZone) {
        sum += w;
      }
      return sum;
    }

    String reads(int zones) {
      return perZone(readsPerZone, zones);
    }

    String writes(int zones) {
      return perZone(writesPerZone, zones);
    }

    private static String perZone(int[] counts, int zones) {
      List<String> parts = new ArrayList<>();
      int total = 0;
      for (int z = 0; z < zones; z++) {
        parts.add(Integer.toString(counts[z]));
        total += counts[z];
      }
      return total + " (" + String.join("+", parts) + ")";
    }
  }

  private interface Pass {
    void run() throws Exception;
  }

  private static Calls memoryCalls(Map<String, InMemoryDnsProvider> providers, Pass pass)
      throws Exception {
    int n = providers.size();
    int[] reads = new int[n];
    int[] writes = new int[n];
    List<InMemoryDnsProvider> list = List.copyOf(providers.values());
    for (int z = 0; z < n; z++) {
      reads[z] = -list.get(z).readCalls();
      writes[z] = -list.get(z).writeCalls();
    }
    pass.run();
    for (int z = 0; z < n; z++) {
      reads[z] += list.get(z).readCalls();
      writes[z] += list.get(z).writeCalls();
    }
    return new Calls(reads, writes);
  }

  private static Calls wireCalls(WireMockServer wire, int zones, Pass pass) throws Exception {
    int[] reads = new int[zones];
    int[] writes = new int[zones];
    for (int z = 0; z < zones; z++) {
      reads[z] =
          -wire.countRequestsMatching(getRequestedFor(urlPathMatching(rrset(z))).build())
              .getCount();
      writes[z] =
          -wire.countRequestsMatching(postRequestedFor(urlPathMatching(rrset(z))).build())
              .getCount();
    }
    pass.run();
    for (int z = 0; z < zones; z++) {
      reads[z] +=
          wire.countRequestsMatching(getRequestedFor(urlPathMatching(rrset(z))).build()).getCount();
      writes[z] +=
          wire.countRequestsMatching(postRequestedFor(urlPathMatching(rrset(z))).build())
              .getCount();
    }
    return new Calls(reads, writes);
  }

  private static void check(ReconcileReport report) {
    if (report.failed()) {
      throw new IllegalStateException(
          "reconcile failed: " + report.failures().getFirst().describe());
    }
  }

  private static String rrset(int zone) {
    return "/2013-04-01/hostedzone/Z" + zone + "/rrset/?"; // the SDK POSTs to .../rrset/
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
  }

  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  /** A ListResourceRecordSets answer holding {@code sets} in one page. */
  private static String listing(List<RecordSet> sets) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>");
    for (RecordSet set : sets) {
      xml.append("<ResourceRecordSet><Name>")
          .append(set.name().value())
          .append("</Name><Type>")
          .append(set.type())
          .append("</Type><TTL>")
          .append(set.ttl())
          .append("</TTL><ResourceRecords>");
      for (String value : set.values()) {
        String v = set.type() == RecordType.TXT ? "\"" + value + "\"" : value;
        xml.append("<ResourceRecord><Value>").append(v).append("</Value></ResourceRecord>");
      }
      xml.append("</ResourceRecords></ResourceRecordSet>");
    }
    return xml.append(
            "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>"
                + "</ListResourceRecordSetsResponse>")
        .toString();
  }

  private static String changeInfo() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ChangeResourceRecordSetsResponse xmlns=\""
        + NS
        + "\"><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status>"
        + "<SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo>"
        + "</ChangeResourceRecordSetsResponse>";
  }

  private static Map<String, DnsProvider> providersLike(Config config, DnsProvider provider) {
    Map<String, DnsProvider> map = new HashMap<>();
    config.providers().keySet().forEach(name -> map.put(name, provider));
    return map;
  }

  private static String primaryKey(Config config, int zone, int record) {
    return config.zones().get(zone).records().get(record).endpoints().stream()
        .filter(e -> e.id().equals("primary"))
        .findFirst()
        .orElseThrow()
        .key();
  }

  private static Set<String> primaryKeys(Config config, int zone) {
    Set<String> keys = new java.util.HashSet<>();
    for (int r = 0; r < config.zones().get(zone).records().size(); r++) {
      keys.add(primaryKey(config, zone, r));
    }
    return keys;
  }

  private static Map<String, EndpointStatus> health(Config config, Set<String> down) {
    Map<String, EndpointStatus> health = new HashMap<>();
    for (EndpointConfig endpoint : config.endpoints()) {
      health.put(
          endpoint.key(),
          down.contains(endpoint.key())
              ? EndpointStatus.down("connection refused")
              : EndpointStatus.up("HTTP 200"));
    }
    return health;
  }

  private static String yaml(
      int zones, int records, java.util.function.IntFunction<String> provider) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            ownerId: %s
            defaults:
              ttl: 20
              check: { type: tcp, port: 80, interval: 10s, timeout: 2s, rise: 2, fall: 3 }
            providers:
            """
                .formatted(OWNER));
    for (int z = 0; z < zones; z++) {
      yaml.append("  p").append(z).append(": ").append(provider.apply(z)).append('\n');
    }
    yaml.append("zones:\n");
    for (int z = 0; z < zones; z++) {
      yaml.append("  - name: z").append(z).append(".bench.test.\n");
      yaml.append("    provider: p").append(z).append('\n');
      yaml.append("    records:\n");
      for (int r = 0; r < records; r++) {
        yaml.append(
            String.format(
                Locale.ROOT,
                """
                      - name: r%d
                        type: A
                        policy: failover
                        endpoints:
                          - { id: primary, address: 192.0.2.%d, priority: 1 }
                          - { id: backup, address: 198.51.100.%d, priority: 2 }
                """,
                r,
                r % 250 + 1,
                r % 250 + 1));
      }
    }
    return yaml.toString();
  }

  private static Config load(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    Map<String, DnsProviderFactory> factories = new HashMap<>(ConfigLoader.discoverFactories());
    factories.put(TestConfigLoader.MEMORY.type(), TestConfigLoader.MEMORY);
    return new ConfigLoader(factories, Map.of())
        .load(file, ConfigLoader.Mode.STRICT)
        .requireConfig();
  }
}
