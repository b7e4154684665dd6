package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared fixture loads through the real loader into the config its Javadoc promises. */
class OneZoneYamlTest {

  @TempDir Path dir;

  @Test
  void isOneZoneWithOneFailoverRecord() throws Exception {
    Config config = OneZoneYaml.failover().defaultCheck("{ type: tcp, port: 80 }").load(dir);

    assertThat(config.ownerId()).isEqualTo("test");
    ZoneConfig zone = config.zones().getFirst();
    assertThat(config.zones()).hasSize(1);
    assertThat(zone.name()).isEqualTo(DnsName.of("example.test."));
    assertThat(zone.provider()).isEqualTo("mem");
    RecordConfig app = zone.records().getFirst();
    assertThat(zone.records()).hasSize(1);
    assertThat(app.name()).isEqualTo(DnsName.of("app.example.test."));
    assertThat(app.type()).isEqualTo(RecordType.A);
    assertThat(app.ttl()).isEqualTo(20);
    assertThat(app.endpoints())
        .extracting(EndpointConfig::id, EndpointConfig::address, EndpointConfig::priority)
        .containsExactly(tuple("primary", "192.0.2.10", 1), tuple("backup", "192.0.2.20", 2));
  }

  @Test
  void takesWhatATestChanges() throws Exception {
    Config config =
        OneZoneYaml.failover()
            .ownerId("other")
            .zone("example.org.")
            .defaultCheck("{ type: tcp, port: 80, interval: 5s }")
            .ttl(60)
            .recordCheck("{ type: tcp, port: 443 }")
            .zoneKey("verify: { servers: [\"127.0.0.1:5300\"], timeout: 5s }")
            .record("{ name: www, type: CNAME, endpoints: [{ id: a, address: app.example.org. }] }")
            .load(dir);

    ZoneConfig zone = config.zones().getFirst();
    assertThat(config.ownerId()).isEqualTo("other");
    assertThat(zone.name()).isEqualTo(DnsName.of("example.org."));
    assertThat(zone.verify()).isPresent();
    assertThat(zone.records()).hasSize(2);
    RecordConfig app = zone.records().getFirst();
    assertThat(app.ttl()).isEqualTo(60);
    EndpointConfig primary = app.endpoints().getFirst();
    assertThat(primary.check().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(primary.check().probe()).isEqualTo(new Probe.Tcp("192.0.2.10", 443));
    assertThat(zone.records().get(1).type()).isEqualTo(RecordType.CNAME);
  }
}
