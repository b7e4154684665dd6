package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Canonical values: the same answer compares equal whichever provider or config spelled it. */
class RecordValuesTest {

  private static String aaaa(String value) {
    return RecordValues.canonical(RecordType.AAAA, value);
  }

  @Test
  void ipv6IsWrittenInLowerCaseWithoutLeadingZeros() {
    assertThat(aaaa("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
    assertThat(aaaa("2001:DB8::A")).isEqualTo("2001:db8::a");
    assertThat(aaaa("2001:db8::1")).isEqualTo("2001:db8::1");
  }

  @Test
  void theFirstLongestRunOfZeroGroupsBecomesTheDoubleColon() {
    assertThat(aaaa("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(aaaa("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    assertThat(aaaa("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(aaaa("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(aaaa("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
  }

  @Test
  void aSingleZeroGroupIsNotShortened() {
    assertThat(aaaa("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
  }

  @Test
  void anIpv4MappedAddressStaysAnIpv6Address() {
    assertThat(aaaa("::ffff:192.0.2.1")).isEqualTo("::ffff:c000:201");
    assertThat(aaaa("0:0:0:0:0:FFFF:C000:0201")).isEqualTo("::ffff:c000:201");
  }

  @Test
  void whatIsNotAnAddressIsLeftForValidationToReport() {
    assertThat(aaaa("2001:db8::zz")).isEqualTo("2001:db8::zz");
    assertThat(aaaa("app.example.test")).isEqualTo("app.example.test");
  }

  @Test
  void hostNamesAreLowerCaseAndAbsolute() {
    assertThat(RecordValues.canonical(RecordType.CNAME, "WWW.Example.NET"))
        .isEqualTo("www.example.net.");
    assertThat(RecordValues.canonical(RecordType.CNAME, "www.example.net."))
        .isEqualTo("www.example.net.");
  }

  @Test
  void ipv4AndTxtAreKeptAsGiven() {
    assertThat(RecordValues.canonical(RecordType.A, "192.0.2.10")).isEqualTo("192.0.2.10");
    assertThat(RecordValues.canonical(RecordType.TXT, "Mixed Case \"quoted\""))
        .isEqualTo("Mixed Case \"quoted\"");
  }

  @Test
  void bytesAreSpelledTheSameWay() {
    byte[] bytes = new byte[16];
    bytes[0] = 0x20;
    bytes[1] = 0x01;
    bytes[2] = 0x0d;
    bytes[3] = (byte) 0xb8;
    bytes[15] = 1;
    assertThat(RecordValues.ipv6(bytes)).isEqualTo("2001:db8::1");
  }
}
