package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The loader's quicker resolver types every plain scalar exactly as snakeyaml's own does. */
class ResolverTest {

  private static final Resolver SNAKEYAML = new Resolver();

  @Test
  void typesKnownValuesLikeSnakeyaml() {
    List<String> values =
        List.of(
            "true",
            "True",
            "TRUE",
            "tRue",
            "yes",
            "Yes",
            "no",
            "NO",
            "on",
            "Off",
            "offer",
            "n",
            "null",
            "Null",
            "NULL",
            "nULL",
            "nulls",
            "name",
            "type",
            "ttl",
            "false",
            "falsey",
            "~",
            "<<",
            "<",
            "!",
            "&",
            "*",
            "=",
            "10",
            "-10",
            "+7",
            "0x1F",
            "0b101",
            "017",
            "1_000",
            "1:30",
            "1.5",
            ".5",
            "1e3",
            "-.inf",
            ".NaN",
            "1.2.3",
            "192.0.2.10",
            "127.0.0.1",
            "2001:db8::1",
            "2026-11-23",
            "2026-11-23T10:00:00.5Z",
            "2026-11-23 10:00:00",
            "10s",
            "500ms",
            "r123",
            "app",
            "A",
            "http://{address}:8080/",
            "_acme",
            "${VAR}",
            "é",
            " ",
            "1.",
            "..",
            "0.0.0.0");
    QuickResolverPair pair = new QuickResolverPair();
    for (String value : values) {
      pair.assertSame(value);
      pair.assertSame(value); // the second answer may come from memory
    }
  }

  @Property(tries = 3000)
  void typesAnyShortValueLikeSnakeyaml(
      @ForAll
          @StringLength(min = 1, max = 12)
          @Chars({
            'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', 'u', 'l', 'L', 'e', 'E', 's', 'r',
            'a', 'A', 'x', 'b', 'i', 'I', '0', '1', '2', '5', '7', '9', '.', '-', '+', '_', ':',
            ' ', '~', '<', '!', '&', '*', 'Z'
          })
          String value) {
    new QuickResolverPair().assertSame(value);
  }

  private static final class QuickResolverPair {
    private final YamlTreeReader.QuickResolver quick = new YamlTreeReader.QuickResolver();

    void assertSame(String value) {
      assertThat(quick.resolve(NodeId.scalar, value, true))
          .as("'%s'", value)
          .isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, true));
    }
  }
}
