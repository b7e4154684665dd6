package io.dnsfailover.provider.clouddns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TxtRdataTest {

  @Test
  void quotesAndEscapes() {
    assertThat(TxtRdata.encode("a \"b\" c\\d")).isEqualTo("\"a \\\"b\\\" c\\\\d\"");
    assertThat(TxtRdata.encode("")).isEqualTo("\"\"");
    assertThat(TxtRdata.encode("é")).isEqualTo("\"\\195\\169\"");
  }

  @Test
  void splitsAt255Bytes() {
    String text = "x".repeat(300);

    String rdata = TxtRdata.encode(text);

    assertThat(rdata).isEqualTo("\"" + "x".repeat(255) + "\" \"" + "x".repeat(45) + "\"");
    assertThat(TxtRdata.decode(rdata)).isEqualTo(text);
  }

  @Test
  void decodesWhatOtherToolsWrite() {
    assertThat(TxtRdata.decode("\"a\" \"b c\"")).isEqualTo("ab c");
    assertThat(TxtRdata.decode("bare")).isEqualTo("bare");
    assertThat(TxtRdata.decode("\"v=spf1 \\\"x\\\"\" \\065")).isEqualTo("v=spf1 \"x\"A");
    assertThat(TxtRdata.decode("\"\\195\\169t\\195\\169\"")).isEqualTo("été");
  }

  @Test
  void roundTripsAwkwardText() {
    for (String text :
        new String[] {"spaces and \"quotes\", a back\\slash; ( parens )", "ünïcode ✓", "a\tb"}) {
      assertThat(TxtRdata.decode(TxtRdata.encode(text))).isEqualTo(text);
    }
  }
}
