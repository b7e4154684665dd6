package io.dnsfailover.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** knotd starts with a dynamic zone or a file-served one, and answers what was written to it. */
class KnotServerTest {

  private static final String ZONE = "example.test.";

  @Test
  void aDynamicZoneTakesSignedUpdatesFromItsKeysOnly() {
    TsigKey ddns = TsigKey.generate("ddns");
    TsigKey reader = TsigKey.generate("reader", "hmac-sha512");
    try (KnotServer knot =
        KnotServer.builder()
            .zone(DnsZone.dynamic(ZONE, ddns).withTransfer(ddns, reader))
            .startOrSkip()) {
      long serial = knot.client(null).soaSerial(ZONE);

      knot.client(ddns).add(ZONE, "app 30 IN A 192.0.2.10", "app 30 IN TXT \"a b\" \"c\"");

      assertThat(knot.client(null).values("app.example.test.", "A")).containsExactly("192.0.2.10");
      assertThat(knot.client(null).values("app.example.test.", "TXT"))
          .containsExactly("\"a b\" \"c\"");
      assertThat(knot.client(null).soaSerial(ZONE)).isGreaterThan(serial);
      assertThat(knot.client(reader).transfer(ZONE)).hasSizeGreaterThan(4);
      // Knot answers a key that no acl allows for the action as if it did not know the key.
      assertThatThrownBy(() -> knot.client(reader).add(ZONE, "x 30 IN A 192.0.2.1"))
          .hasMessageContaining("NOTAUTH (TSIG BADKEY)");
      assertThatThrownBy(() -> knot.client(ddns.withWrongSecret()).add(ZONE, "x 30 IN A 1.2.3.4"))
          .hasMessageContaining("NOTAUTH")
          .hasMessageContaining("BADSIG");

      knot.client(ddns).clear(ZONE);
      assertThat(knot.client(null).values("app.example.test.", "A")).isEmpty();
    }
  }

  @Test
  void aFileServedZoneIsReloadedThroughKnotc() throws Exception {
    try (KnotServer knot = KnotServer.builder().zone(DnsZone.file(ZONE)).startOrSkip()) {
      String text =
          DnsZone.minimalText(ZONE).replace(" 1 3600", " 2 3600") + "app 20 IN A 192.0.2.30\n";
      Files.writeString(knot.zoneFile(ZONE), text);

      knot.reload(ZONE);

      assertThat(knot.client(null).values("app.example.test.", "A")).containsExactly("192.0.2.30");
      assertThat(knot.client(null).soaSerial(ZONE)).isEqualTo(2);
    }
  }
}
