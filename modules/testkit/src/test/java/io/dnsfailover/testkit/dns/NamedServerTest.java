package io.dnsfailover.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** named starts with a dynamic zone or a file-served one, and answers what was written to it. */
class NamedServerTest {

  private static final String ZONE = "example.test.";

  @Test
  void aDynamicZoneTakesSignedUpdatesFromItsKeysOnly() {
    TsigKey ddns = TsigKey.generate("ddns");
    TsigKey reader = TsigKey.generate("reader");
    try (NamedServer named =
        NamedServer.builder()
            .zone(DnsZone.dynamic(ZONE, ddns).withTransfer(ddns, reader))
            .startOrSkip()) {
      long serial = named.client(null).soaSerial(ZONE);

      named.client(ddns).add(ZONE, "app 30 IN A 192.0.2.10", "app 30 IN A 192.0.2.20");

      assertThat(named.client(null).values("app.example.test.", "A"))
          .containsExactly("192.0.2.10", "192.0.2.20");
      assertThat(named.client(null).soaSerial(ZONE)).isGreaterThan(serial);
      assertThat(named.client(reader).transfer(ZONE)).hasSizeGreaterThan(4);
      assertThatThrownBy(() -> named.client(reader).add(ZONE, "x 30 IN A 192.0.2.1"))
          .hasMessageContaining("REFUSED");
      assertThatThrownBy(() -> named.client(ddns.withWrongSecret()).add(ZONE, "x 30 IN A 1.2.3.4"))
          .hasMessageContaining("NOTAUTH")
          .hasMessageContaining("BADSIG");
      assertThatThrownBy(() -> named.client(null).transfer(ZONE)).hasMessageContaining("REFUSED");

      named.client(ddns).clear(ZONE);
      assertThat(named.client(null).values("app.example.test.", "A")).isEmpty();
      assertThat(named.client(null).values(ZONE, "NS")).containsExactly("ns1.example.test.");
    }
  }

  @Test
  void aFileServedZoneIsReloadedThroughRndc() throws Exception {
    try (NamedServer named = NamedServer.builder().zone(DnsZone.file(ZONE)).rndc().startOrSkip()) {
      assertThat(named.client(null).values("app.example.test.", "A")).isEmpty();
      String text =
          DnsZone.minimalText(ZONE).replace(" 1 3600", " 2 3600") + "app 20 IN A 192.0.2.30\n";
      Files.writeString(named.zoneFile(ZONE), text);

      named.reload(ZONE);

      assertThat(named.client(null).values("app.example.test.", "A")).containsExactly("192.0.2.30");
      assertThat(named.client(null).soaSerial(ZONE)).isEqualTo(2);
      assertThat(named.rndc("status")).contains("server is up and running");
    }
  }

  @Test
  void aDynamicZoneCannotBeReloadedFromItsFile() {
    TsigKey ddns = TsigKey.generate("ddns");
    try (NamedServer named =
        NamedServer.builder().zone(DnsZone.dynamic(ZONE, ddns)).rndc().startOrSkip()) {
      assertThatThrownBy(() -> named.reload(ZONE)).hasMessageContaining("dynamic zone");
    }
  }
}
