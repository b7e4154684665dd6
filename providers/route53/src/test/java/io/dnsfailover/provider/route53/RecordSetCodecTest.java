package io.dnsfailover.provider.route53;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.DnsName;
import org.junit.jupiter.api.Test;

class RecordSetCodecTest {

  @Test
  void txtIsQuotedEscapedAndChunkedAt255Bytes() {
    assertThat(Route53Txt.encode("heritage=dnsfailover,owner=prod"))
        .isEqualTo("\"heritage=dnsfailover,owner=prod\"");
    assertThat(Route53Txt.encode("say \"hi\" \\ ok")).isEqualTo("\"say \\\"hi\\\" \\\\ ok\"");
    assertThat(Route53Txt.encode("")).isEqualTo("\"\"");
    assertThat(Route53Txt.encode("tab\there")).isEqualTo("\"tab\\011here\"");

    String encoded = Route53Txt.encode("x".repeat(255) + "y".repeat(10));
    assertThat(encoded).isEqualTo("\"" + "x".repeat(255) + "\" \"" + "y".repeat(10) + "\"");
  }

  @Test
  void txtDecodesWhatRouteFiftyThreeListsBackToTheRawText() {
    for (String text :
        new String[] {
          "", "plain", "say \"hi\" \\ ok", "é ünïcode ✓", "z".repeat(700), "tab\there"
        }) {
      assertThat(Route53Txt.decode(Route53Txt.encode(text))).isEqualTo(text);
    }
    assertThat(Route53Txt.decode("\"v=spf1 \" \"-all\"")).isEqualTo("v=spf1 -all");
    assertThat(Route53Txt.decode("\"caf\\303\\251\"")).isEqualTo("café");
    assertThat(Route53Txt.decode("unquoted")).isEqualTo("unquoted");
  }

  @Test
  void multiByteCharactersSplitAcrossChunksSurvive() {
    String text = "a".repeat(254) + "é" + "b";
    assertThat(Route53Txt.decode(Route53Txt.encode(text))).isEqualTo(text);
  }

  @Test
  void namesAreUnescapedAndCanonical() {
    assertThat(RecordSetCodec.name("\\052.Example.COM")).isEqualTo(DnsName.of("*.example.com."));
    assertThat(RecordSetCodec.name("a\\100b.example.com.").value()).isEqualTo("a@b.example.com.");
  }

  @Test
  void idsLoseTheirPrefixes() {
    assertThat(RecordSetCodec.bareZoneId("/hostedzone/Z123")).isEqualTo("Z123");
    assertThat(RecordSetCodec.bareZoneId("Z123")).isEqualTo("Z123");
    assertThat(RecordSetCodec.bareChangeId("/change/C9")).isEqualTo("C9");
  }
}
