package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Generator;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A master file as text plus its structure: the physical lines (each with its line terminator, so
 * joining them gives the file back byte for byte) grouped into entries.
 *
 * <p>An entry is one logical line of the master file: a record (possibly spanning lines inside
 * parentheses), a {@code $} directive, or trivia (blank lines and comments). dnsjava parses the
 * records, so their meaning is exactly dnsjava's; this class only finds which lines each record
 * came from, so an edit can drop those lines and keep every other byte.
 *
 * <p>{@code $GENERATE} lines are expanded (dnsjava's {@link Generator}) and their records attached
 * to the directive's entry, not to lines: they count as records of the zone for reads and checks,
 * while an edit keeps the line as it is and never writes the expanded records out. {@code $INCLUDE}
 * is refused.
 *
 * <p>Text is decoded as ISO-8859-1: every byte maps to one char and back, so bytes that are not
 * UTF-8 survive an edit unchanged.
 */
final class ZoneFileText {

  /** What one entry is. */
  enum Kind {
    RECORD,
    DIRECTIVE,
    TRIVIA
  }

  /**
   * At most this many records come from {@code $GENERATE} lines in one file: a range such as {@code
   * 0-4294967295} would otherwise fill the heap. A /16 reverse zone needs 65,536.
   */
  static final int MAX_GENERATED = 100_000;

  /**
   * One logical line: lines {@code [firstLine, endLine)}.
   *
   * @param explicitOwner false when the record starts with whitespace and so inherits the owner of
   *     the record before it
   * @param record the parsed record, for {@link Kind#RECORD} entries only
   * @param generated the records a {@code $GENERATE} directive stands for; empty for other entries
   */
  record Entry(
      int firstLine,
      int endLine,
      Kind kind,
      boolean explicitOwner,
      Record record,
      List<Record> generated) {
    Entry {
      generated = List.copyOf(generated);
    }

    /** The file's 1-based line number where the entry starts, as messages name it. */
    int lineNumber() {
      return firstLine + 1;
    }
  }

  /** What dnsjava read: the records of lines, and the {@code $GENERATE} directives in order. */
  private record Parsed(List<Record> records, List<Generator> generators) {}

  private final List<String> lines;
  private final List<Entry> entries;

  private ZoneFileText(List<String> lines, List<Entry> entries) {
    this.lines = List.copyOf(lines);
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses {@code text}. Names without a {@code $ORIGIN} are relative to {@code origin}.
   *
   * @param source how error messages name the file
   * @throws ProviderException INVALID with {@code source:line: message} when dnsjava rejects it
   */
  static ZoneFileText parse(String text, Name origin, String source) throws ProviderException {
    List<String> lines = splitLines(text);
    List<Entry> structure = findEntries(lines);
    Parsed parsed = parseRecords(text, origin, source);
    List<Record> records = parsed.records();
    List<Entry> entries = new ArrayList<>(structure.size());
    int next = 0;
    int nextGenerator = 0;
    int generatedCount = 0;
    for (Entry entry : structure) {
      if (entry.kind() == Kind.RECORD) {
        if (next >= records.size()) {
          throw misaligned(source);
        }
        entry =
            new Entry(
                entry.firstLine(),
                entry.endLine(),
                Kind.RECORD,
                entry.explicitOwner(),
                records.get(next++),
                List.of());
      } else if (entry.kind() == Kind.DIRECTIVE && isGenerate(lines.get(entry.firstLine()))) {
        if (nextGenerator >= parsed.generators().size()) {
          throw misaligned(source);
        }
        Generator generator = parsed.generators().get(nextGenerator++);
        List<Record> generated = expand(generator, source, entry, MAX_GENERATED - generatedCount);
        generatedCount += generated.size();
        entry =
            new Entry(entry.firstLine(), entry.endLine(), Kind.DIRECTIVE, true, null, generated);
      }
      entries.add(entry);
    }
    if (next != records.size() || nextGenerator != parsed.generators().size()) {
      throw misaligned(source);
    }
    return new ZoneFileText(lines, entries);
  }

  List<String> lines() {
    return lines;
  }

  List<Entry> entries() {
    return entries;
  }

  /** Every record of the file in order, those of {@code $GENERATE} lines included. */
  List<Record> records() {
    List<Record> records = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.kind() == Kind.RECORD) {
        records.add(entry.record());
      }
      records.addAll(entry.generated());
    }
    return records;
  }

  /** The line terminator the file uses, so added lines match it. */
  String lineSeparator() {
    return !lines.isEmpty() && lines.getFirst().endsWith("\r\n") ? "\r\n" : "\n";
  }

  static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The records of lines, and the {@code $GENERATE} directives unexpanded: expanding them here
   * would mix their records into the line records, and each must be matched to its own line.
   */
  private static Parsed parseRecords(String text, Name origin, String source)
      throws ProviderException {
    List<Record> records = new ArrayList<>();
    List<Generator> generators = new ArrayList<>();
    try (Master master = new Master(new ByteArrayInputStream(encode(text)), origin)) {
      master.disableIncludes(true);
      master.expandGenerate(false);
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
      master.generators().forEachRemaining(generators::add);
    } catch (IOException | RuntimeException e) {
      // dnsjava names a stream "<none>" in "<none>:12: message"; name the real file instead.
      String message = String.valueOf(e.getMessage());
      message =
          message.startsWith("<none>:")
              ? source + message.substring("<none>".length())
              : source + ": " + message;
      throw new ProviderException(ProviderException.Kind.INVALID, message, e);
    }
    return new Parsed(records, generators);
  }

  /**
   * The records {@code generator} stands for, at most {@code limit} of them. {@link
   * Generator#nextRecord()} rather than {@link Generator#expand()}: in dnsjava 3.6 the latter
   * leaves out the range's last value.
   */
  private static List<Record> expand(Generator generator, String source, Entry entry, int limit)
      throws ProviderException {
    long count = (generator.end - generator.start) / generator.step + 1;
    if (count > limit) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          source
              + ":"
              + entry.lineNumber()
              + ": $GENERATE makes "
              + count
              + " records, and the zonefile provider reads at most "
              + MAX_GENERATED
              + " generated records per file; use smaller ranges");
    }
    List<Record> records = new ArrayList<>((int) count);
    try {
      Record record = generator.nextRecord();
      while (record != null) {
        records.add(record);
        record = generator.nextRecord();
      }
    } catch (IOException | RuntimeException e) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          source + ":" + entry.lineNumber() + ": $GENERATE: " + e.getMessage(),
          e);
    }
    return records;
  }

  private static boolean isGenerate(String line) {
    return line.regionMatches(true, 0, "$GENERATE", 0, "$GENERATE".length())
        && (line.length() == "$GENERATE".length()
            || Character.isWhitespace(line.charAt("$GENERATE".length())));
  }

  private static ProviderException misaligned(String source) {
    return new ProviderException(
        ProviderException.Kind.INVALID,
        source
            + ": the zonefile provider could not match records to lines; please report this"
            + " file's layout");
  }

  private static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** Groups lines into entries, following parentheses and skipping comments and quotes. */
  private static List<Entry> findEntries(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean hasContent = false;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          i++;
          hasContent = true;
        } else if (quoted) {
          quoted = c != '"';
        } else if (c == ';') {
          break;
        } else if (c == '"') {
          quoted = true;
          hasContent = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth = Math.max(0, depth - 1);
        } else if (!Character.isWhitespace(c)) {
          hasContent = true;
        }
      }
      if (depth == 0 || index == lines.size() - 1) {
        entries.add(entry(lines, start, index + 1, hasContent));
        start = index + 1;
        hasContent = false;
      }
    }
    return entries;
  }

  private static Entry entry(List<String> lines, int first, int end, boolean hasContent) {
    if (!hasContent) {
      return new Entry(first, end, Kind.TRIVIA, false, null, List.of());
    }
    String firstLine = lines.get(first);
    char firstChar = firstLine.isEmpty() ? ' ' : firstLine.charAt(0);
    if (firstChar == '$') {
      return new Entry(first, end, Kind.DIRECTIVE, true, null, List.of());
    }
    boolean explicitOwner = !(firstChar == ' ' || firstChar == '\t');
    return new Entry(first, end, Kind.RECORD, explicitOwner, null, List.of());
  }
}
