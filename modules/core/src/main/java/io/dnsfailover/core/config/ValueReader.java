package io.dnsfailover.core.config;

import io.dnsfailover.spi.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Types one node: substitutes {@code ${VAR}}, then reads text, a number, a boolean, a duration, a
 * choice, a mapping or a list, reporting what is wrong and what is allowed. An empty result means
 * "already reported, skip further checks of this value".
 *
 * <p>Messages quote the scalar as the file wrote it, never the substituted value: a value from the
 * environment may be a secret.
 */
final class ValueReader {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");

  private final Problems problems;
  private final EnvSubstitution environment;

  ValueReader(Problems problems, EnvSubstitution environment) {
    this.problems = problems;
    this.environment = environment;
  }

  Problems problems() {
    return problems;
  }

  /** The scalar's text with variables substituted; {@code expected} names what was wanted. */
  Optional<String> text(Node node, String path, String expected) {
    if (!(node instanceof Node.Scalar scalar) || scalar.isNull()) {
      problems.error(node, path, "expected " + expected + ", found " + node.describe());
      return Optional.empty();
    }
    return substitute(scalar, path);
  }

  /** Substitutes variables in any scalar, a null one included (which stays empty). */
  Optional<String> substitute(Node.Scalar scalar, String path) {
    return switch (environment.apply(scalar.text())) {
      case EnvSubstitution.Result.Value value -> Optional.of(value.text());
      case EnvSubstitution.Result.Unset unset -> {
        String names = String.join(", ", unset.names());
        String first = unset.names().getFirst();
        problems.unsetVariable(
            scalar,
            path,
            "environment variable "
                + names
                + (unset.names().size() == 1 ? " is" : " are")
                + " not set and "
                + quote(scalar)
                + " gives no default: set it, or write ${"
                + first
                + ":-default}");
        yield Optional.empty();
      }
      case EnvSubstitution.Result.Malformed malformed -> {
        problems.error(scalar, path, quote(scalar) + " " + malformed.reason());
        yield Optional.empty();
      }
    };
  }

  Optional<Integer> integer(Node node, String path, int min, int max) {
    String range = "a whole number from " + min + " to " + max;
    return text(node, path, range)
        .flatMap(
            text -> {
              if (!WHOLE_NUMBER.matcher(text.trim()).matches()) {
                problems.error(
                    node, path, quote(node) + " is not a whole number: expected " + range);
                return Optional.empty();
              }
              int value = Integer.parseInt(text.trim());
              if (value < min || value > max) {
                problems.error(node, path, quote(node) + " is out of range: expected " + range);
                return Optional.empty();
              }
              return Optional.of(value);
            });
  }

  Optional<Boolean> bool(Node node, String path) {
    return text(node, path, "true or false")
        .flatMap(
            text ->
                switch (text.trim()) {
                  case "true" -> Optional.of(true);
                  case "false" -> Optional.of(false);
                  default -> {
                    problems.error(
                        node, path, quote(node) + " is not a boolean: write true or false");
                    yield Optional.empty();
                  }
                });
  }

  Optional<Duration> duration(Node node, String path) {
    return text(node, path, "a duration like 500ms, 10s or 1m")
        .flatMap(
            text -> {
              try {
                return Optional.of(Durations.parse(text));
              } catch (IllegalArgumentException e) {
                // Durations' own message quotes the substituted text, so it is not used here.
                problems.error(
                    node,
                    path,
                    quote(node)
                        + " is not a duration: write a whole number with ms, s, m or h, like 500ms"
                        + " or 10s");
                return Optional.empty();
              }
            });
  }

  /** One of {@code allowed}, exactly as written there. */
  Optional<String> choice(Node node, String path, List<String> allowed) {
    String expected = "one of " + String.join(", ", allowed);
    return text(node, path, expected)
        .flatMap(
            text -> {
              if (!allowed.contains(text.trim())) {
                problems.error(node, path, quote(node) + " is not allowed: expected " + expected);
                return Optional.empty();
              }
              return Optional.of(text.trim());
            });
  }

  Optional<Node.Mapping> mapping(Node node, String path, String expected) {
    if (node instanceof Node.Mapping mapping) {
      return Optional.of(mapping);
    }
    problems.error(node, path, "expected " + expected + ", found " + node.describe());
    return Optional.empty();
  }

  Optional<Node.Sequence> list(Node node, String path, String expected) {
    if (node instanceof Node.Sequence sequence) {
      return Optional.of(sequence);
    }
    problems.error(node, path, "expected " + expected + ", found " + node.describe());
    return Optional.empty();
  }

  /** A value as the file wrote it, for messages: "'${TTL}'", "a list". */
  static String quote(Node node) {
    return node.describe();
  }
}
