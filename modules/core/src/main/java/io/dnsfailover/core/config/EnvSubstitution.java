package io.dnsfailover.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${VAR}} and {@code ${VAR:-default}} in one scalar; {@code $${} writes a
 * literal {@code ${}. Like a shell, the default also applies when the variable is set but empty.
 */
final class EnvSubstitution {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** What became of one scalar. */
  sealed interface Result {
    /** Every variable was set or had a default. */
    record Value(String text, boolean substituted) implements Result {}

    /** These variables are unset and have no default. */
    record Unset(List<String> names) implements Result {}

    /** A {@code ${} that is not a well-formed reference; the reason says how to write one. */
    record Malformed(String reason) implements Result {}
  }

  private final Map<String, String> environment;

  EnvSubstitution(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Result apply(String raw) {
    if (raw.indexOf('$') < 0) {
      return new Result.Value(raw, false); // most values: nothing to substitute, nothing to copy
    }
    StringBuilder out = new StringBuilder();
    List<String> unset = new ArrayList<>();
    boolean substituted = false;
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        substituted = true;
        continue;
      }
      if (!raw.startsWith("${", i)) {
        out.append(raw.charAt(i));
        i++;
        continue;
      }
      int end = raw.indexOf('}', i + 2);
      if (end < 0) {
        return new Result.Malformed(
            "has a ${ without a closing }: write ${NAME} or ${NAME:-default}, or $${ for a"
                + " literal ${");
      }
      String reference = raw.substring(i + 2, end);
      int separator = reference.indexOf(":-");
      String name = separator < 0 ? reference : reference.substring(0, separator);
      if (!NAME.matcher(name).matches()) {
        return new Result.Malformed(
            "has '${"
                + reference
                + "}', which names no variable: a name is letters, digits and _, not starting"
                + " with a digit");
      }
      String value = environment.get(name);
      if (value == null || (value.isEmpty() && separator >= 0)) {
        if (separator >= 0) {
          value = reference.substring(separator + 2);
        } else {
          unset.add(name);
          value = "";
        }
      }
      out.append(value);
      substituted = true;
      i = end + 1;
    }
    if (!unset.isEmpty()) {
      return new Result.Unset(List.copyOf(unset));
    }
    return new Result.Value(out.toString(), substituted);
  }
}
