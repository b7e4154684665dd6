package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "192.0.2.10", "255.255.255.255"})
  void acceptsIpv4Literals(String text) {
    assertThat(Addresses.isIpv4(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"256.0.0.1", "192.0.2", "192.0.2.010", "1.2.3.4.5", " 1.2.3.4", "a.b.c.d"})
  void rejectsAnythingElseAsIpv4(String text) {
    assertThat(Addresses.isIpv4(text)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::10, 2001:db8::10",
    "2001:DB8:0:0:0:0:0:20, 2001:db8::20",
    "::, ::",
    "::1, ::1",
    "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1",
    "::ffff:192.0.2.1, ::ffff:c000:201"
  })
  void canonicalisesIpv6(String text, String canonical) {
    assertThat(Addresses.canonicalIpv6(text)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2001:db8:::1",
        "1::2::3",
        "12345::",
        "fe80::1%eth0",
        "[::1]",
        "1:2:3:4:5:6:7",
        "g::1"
      })
  void rejectsMalformedIpv6(String text) {
    assertThat(Addresses.isIpv6(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"backup.example.net", "app.example.test.", "a-1.b2.example"})
  void acceptsHostNames(String text) {
    assertThat(Addresses.isHostName(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "192.0.2.1", "-a.example", "a_b.example", "a..example", ""})
  void rejectsWhatIsNotAQualifiedHostName(String text) {
    assertThat(Addresses.isHostName(text)).isFalse();
  }
}
