package io.dnsfailover.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a mapping of HTTP header names to values (a check's or a webhook's {@code headers}) under
 * the rules of RFC 9110: a name is a token (5.1, 5.6.2); a value holds visible ASCII, spaces and
 * tabs (5.5). CR, LF and NUL above all: a line break in a value would end the header early (a
 * secret read from a file often ends in one), and every request would fail.
 *
 * <p>Messages name the header but never quote its value: it is often a secret.
 */
final class HeaderReader {

  private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

  private HeaderReader() {}

  /** The headers, or empty after reporting every problem at its key. */
  static Optional<Map<String, String>> read(Node node, String path, ValueReader values) {
    Optional<Node.Mapping> mapping =
        values.mapping(node, path, "a mapping of header names to values");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    boolean complete = true;
    for (Node.Entry entry : mapping.get().entries()) {
      String name = entry.key().text();
      String headerPath = KeyPaths.key(path, name);
      if (!isToken(name)) {
        values
            .problems()
            .error(
                entry.key(),
                headerPath,
                "'"
                    + name
                    + "' is not an HTTP header name: use letters, digits and - (RFC 9110 also"
                    + " allows "
                    + TOKEN_PUNCTUATION.replace("-", "")
                    + "; no spaces or colons)");
        complete = false;
        continue;
      }
      Optional<String> value = values.text(entry.value(), headerPath, "a header value");
      Optional<String> problem = value.flatMap(HeaderReader::valueProblem);
      problem.ifPresent(
          why -> values.problems().error(entry.value(), headerPath, "header " + name + why));
      value.filter(text -> problem.isEmpty()).ifPresent(text -> headers.put(name, text));
      complete &= value.isPresent() && problem.isEmpty();
    }
    return complete ? Optional.of(headers) : Optional.empty();
  }

  static boolean isToken(String name) {
    return !name.isEmpty()
        && name.chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || TOKEN_PUNCTUATION.indexOf(c) >= 0);
  }

  /** What is wrong with a header value, as the end of a sentence naming the header; or empty. */
  static Optional<String> valueProblem(String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      return Optional.of(
          "'s value has a line break (CR or LF), which HTTP does not allow in a header value (the"
              + " value is not shown; a variable read from a file often ends in a newline)");
    }
    if (value.indexOf('\0') >= 0) {
      return Optional.of(
          "'s value has a NUL character, which HTTP does not allow in a header value (the value"
              + " is not shown)");
    }
    boolean printable = value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    if (!printable) {
      return Optional.of(
          "'s value has a control character or a character outside ASCII: header values hold"
              + " visible ASCII, spaces and tabs (the value is not shown)");
    }
    return Optional.empty();
  }
}
