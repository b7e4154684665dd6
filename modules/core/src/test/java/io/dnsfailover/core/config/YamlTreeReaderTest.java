package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

  @Test
  void plainScalarsAreTypedAsYamlSaysEveryTimeTheyRecur() {
    Problems problems = new Problems(Path.of("config.yaml"), ConfigLoader.Mode.STRICT);
    String values = "[true, 'true', 10, '10', 1.5, ~, null, '', yes, name, 0x1F, !!str 10]";

    Node root = new YamlTreeReader(problems).read("a: " + values + "\nb: " + values).orElseThrow();

    List<String> expected =
        List.of(
            "bool", "str", "int", "str", "float", "null", "null", "str", "bool", "str", "int",
            "str");
    for (String key : List.of("a", "b")) {
      Node.Sequence list = (Node.Sequence) ((Node.Mapping) root).get(key).orElseThrow();
      assertThat(list.items())
          .as(key)
          .map(item -> ((Node.Scalar) item).implicitType())
          .containsExactlyElementsOf(expected);
    }
    assertThat(problems.all()).isEmpty();
  }
}
