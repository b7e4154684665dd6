package io.dnsfailover.testkit;

import io.dnsfailover.core.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The config most tests start from, as YAML text: one zone {@code example.test.} on provider {@code
 * mem} ({@code type: memory}), owner {@code test}, holding one failover record {@code app} (A, ttl
 * 20) with endpoints {@code primary} (192.0.2.10, priority 1) and {@code backup} (192.0.2.20,
 * priority 2). A test changes only what it is about:
 *
 * <pre>{@code
 * String yaml =
 *     OneZoneYaml.failover()
 *         .defaultCheck("{ type: tcp, port: 80, interval: 50ms, timeout: 25ms, rise: 2, fall: 2 }")
 *         .zoneKey("verify: { servers: [\"127.0.0.1:5300\"], timeout: 5s }")
 *         .text();
 * }</pre>
 *
 * <p>The endpoints carry no check of their own: give one with {@link #defaultCheck} or {@link
 * #recordCheck}, or the loader reports it missing.
 */
public final class OneZoneYaml {

  private String ownerId = "test";
  private Optional<String> defaultCheck = Optional.empty();
  private String providerName = "mem";
  private String provider = "{ type: memory }";
  private String zone = "example.test.";
  private final List<String> zoneKeys = new ArrayList<>();
  private int ttl = 20;
  private Optional<String> recordCheck = Optional.empty();
  private final List<String> moreRecords = new ArrayList<>();
  private String more = "";

  private OneZoneYaml() {}

  /** The config described above. */
  public static OneZoneYaml failover() {
    return new OneZoneYaml();
  }

  public OneZoneYaml ownerId(String ownerId) {
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
    return this;
  }

  /** {@code defaults.check}, a flow mapping: {@code "{ type: tcp, port: 80, rise: 1 }"}. */
  public OneZoneYaml defaultCheck(String flowMapping) {
    this.defaultCheck = Optional.of(flowMapping);
    return this;
  }

  /** The zone's provider, by name and flow mapping: {@code "{ type: zonefile, path: z.db }"}. */
  public OneZoneYaml provider(String name, String flowMapping) {
    this.providerName = Objects.requireNonNull(name, "name");
    this.provider = Objects.requireNonNull(flowMapping, "flowMapping");
    return this;
  }

  /** The zone's name, {@code example.test.} unless given. */
  public OneZoneYaml zone(String name) {
    this.zone = Objects.requireNonNull(name, "name");
    return this;
  }

  /** One more key of the zone, written before its records: {@code "verify: { ... }"}. */
  public OneZoneYaml zoneKey(String line) {
    zoneKeys.add(Objects.requireNonNull(line, "line"));
    return this;
  }

  /** The ttl of {@code app}. */
  public OneZoneYaml ttl(int ttl) {
    this.ttl = ttl;
    return this;
  }

  /** The check of {@code app}, a flow mapping. */
  public OneZoneYaml recordCheck(String flowMapping) {
    this.recordCheck = Optional.of(flowMapping);
    return this;
  }

  /**
   * One more record after {@code app}, a flow mapping: {@code "{ name: www, type: CNAME, ... }"}.
   */
  public OneZoneYaml record(String flowMapping) {
    moreRecords.add(Objects.requireNonNull(flowMapping, "flowMapping"));
    return this;
  }

  /** Top-level YAML appended after {@code zones} (a {@code cluster:} block, a {@code journal:}). */
  public OneZoneYaml more(String topLevelYaml) {
    this.more = Objects.requireNonNull(topLevelYaml, "topLevelYaml");
    return this;
  }

  public String text() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("version: 1\n");
    yaml.append("ownerId: ").append(ownerId).append('\n');
    defaultCheck.ifPresent(check -> yaml.append("defaults:\n  check: ").append(check).append('\n'));
    yaml.append("providers:\n");
    yaml.append("  ").append(providerName).append(": ").append(provider).append('\n');
    yaml.append("zones:\n");
    yaml.append("  - name: ").append(zone).append('\n');
    yaml.append("    provider: ").append(providerName).append('\n');
    zoneKeys.forEach(line -> yaml.append("    ").append(line).append('\n'));
    yaml.append("    records:\n");
    yaml.append("      - name: app\n");
    yaml.append("        type: A\n");
    yaml.append("        ttl: ").append(ttl).append('\n');
    recordCheck.ifPresent(check -> yaml.append("        check: ").append(check).append('\n'));
    yaml.append("        endpoints:\n");
    yaml.append("          - { id: primary, address: 192.0.2.10, priority: 1 }\n");
    yaml.append("          - { id: backup, address: 192.0.2.20, priority: 2 }\n");
    moreRecords.forEach(record -> yaml.append("      - ").append(record).append('\n'));
    yaml.append(more);
    return yaml.toString();
  }

  /**
   * {@link #text} written to {@code dir/config.yaml} and loaded strictly ({@link
   * TestConfigLoader}).
   */
  public Config load(Path dir) throws Exception {
    return TestConfigLoader.load(dir.resolve("config.yaml"), text());
  }

  @Override
  public String toString() {
    return text();
  }
}
