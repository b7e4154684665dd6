package io.dnsfailover.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --key value} pairs. */
final class Options {

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Options(values);
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
  }

  Path path(String key, Path fallback) {
    return values.containsKey(key) ? Path.of(values.get(key)) : fallback;
  }
}
