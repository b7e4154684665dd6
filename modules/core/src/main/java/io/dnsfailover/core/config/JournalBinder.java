package io.dnsfailover.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds the optional {@code journal:} block: path, maxSize and keep. */
final class JournalBinder {

  static final List<String> KEYS = List.of("path", "maxSize", "keep");

  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB|KiB|MiB|GiB)?");
  private static final long MIN_SIZE = 1024;
  private static final String SIZE_FORMAT =
      "a size like 10MiB, 512KiB or 1GB (B, KB, MB, GB, KiB, MiB, GiB), at least 1KiB";

  private final ValueReader values;

  JournalBinder(ValueReader values) {
    this.values = values;
  }

  /** The journal settings, the defaults when the block is absent; empty after a problem. */
  Optional<JournalConfig> bind(Fields top) {
    Optional<Node> node = top.get("journal");
    if (node.isEmpty()) {
      return Optional.of(JournalConfig.DEFAULT);
    }
    Optional<Fields> maybeFields =
        Fields.of(node.get(), "journal", values, "a mapping with path, maxSize and keep");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "journal");
    boolean complete = true;
    Optional<Path> path = Optional.empty();
    if (fields.get("path").isPresent()) {
      Optional<String> text = fields.text("path", "a file path");
      path = text.flatMap(value -> path(fields, value));
      complete &= path.isPresent();
    }
    long maxBytes = JournalConfig.DEFAULT_MAX_BYTES;
    if (fields.get("maxSize").isPresent()) {
      Optional<Long> size = size(fields);
      complete &= size.isPresent();
      maxBytes = size.orElse(maxBytes);
    }
    int keep = JournalConfig.DEFAULT_KEEP;
    if (fields.get("keep").isPresent()) {
      Optional<Integer> value = fields.integer("keep", 0, 1000);
      complete &= value.isPresent();
      keep = value.orElse(keep);
    }
    return complete ? Optional.of(new JournalConfig(path, maxBytes, keep)) : Optional.empty();
  }

  private Optional<Path> path(Fields fields, String text) {
    Node at = fields.get("path").orElseThrow();
    if (text.isBlank()) {
      values.problems().error(at, fields.path("path"), "is empty: write a file path");
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      values.problems().error(at, fields.path("path"), at.describe() + " is not a valid path");
      return Optional.empty();
    }
  }

  private Optional<Long> size(Fields fields) {
    Node at = fields.get("maxSize").orElseThrow();
    return values
        .text(at, fields.path("maxSize"), SIZE_FORMAT)
        .flatMap(
            text -> {
              Optional<Long> bytes = parseSize(text);
              if (bytes.isEmpty() || bytes.get() < MIN_SIZE) {
                values
                    .problems()
                    .error(at, fields.path("maxSize"), at.describe() + " is not " + SIZE_FORMAT);
                return Optional.empty();
              }
              return bytes;
            });
  }

  /** {@code 10MiB} as bytes; empty when the text is not a size. */
  static Optional<Long> parseSize(String text) {
    Matcher matcher = SIZE.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "B" : matcher.group(2);
    long factor =
        switch (unit) {
          case "B" -> 1L;
          case "KB" -> 1000L;
          case "MB" -> 1000L * 1000;
          case "GB" -> 1000L * 1000 * 1000;
          case "KiB" -> 1024L;
          case "MiB" -> 1024L * 1024;
          case "GiB" -> 1024L * 1024 * 1024;
          default -> throw new AssertionError(unit);
        };
    return Optional.of(Math.multiplyExact(amount, factor));
  }
}
