package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes YAML to a file and loads it, so tests read as "this text gives these problems". */
final class ConfigFixture {

  /** Lines 1-8 of most fixtures: a valid config up to its first record. */
  static final String HEADER =
      """
      version: 1
      ownerId: test
      providers:
        local: { type: zonefile, path: zones/example.test.zone }
      zones:
        - name: example.test.
          provider: local
          records:
      """;

  private final Path directory;
  private final Map<String, String> environment;

  ConfigFixture(Path directory, Map<String, String> environment) {
    this.directory = directory;
    this.environment = environment;
  }

  Path write(String yaml) {
    try {
      return Files.writeString(directory.resolve("config.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoadResult load(String yaml, ConfigLoader.Mode mode) throws ConfigException {
    return new ConfigLoader(FakeFactory.all(), environment).load(write(yaml), mode);
  }

  LoadResult load(String yaml) throws ConfigException {
    return load(yaml, ConfigLoader.Mode.STRICT);
  }

  /** Every problem as "LINE:COL: [warning: ]path: message", in file order. */
  List<String> problems(String yaml, ConfigLoader.Mode mode) {
    Path file = write(yaml);
    ConfigLoader loader = new ConfigLoader(FakeFactory.all(), environment);
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(
            () -> {
              try {
                loader.load(file, mode);
              } catch (ConfigException e) {
                caught[0] = e;
                throw e;
              }
            })
        .isInstanceOf(ConfigException.class);
    return caught[0].problems().stream().map(ConfigFixture::withoutFile).toList();
  }

  List<String> problems(String yaml) {
    return problems(yaml, ConfigLoader.Mode.STRICT);
  }

  static String withoutFile(Problem problem) {
    String text = problem.toString();
    return text.substring(problem.file().toString().length() + 1);
  }
}
