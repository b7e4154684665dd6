package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
   * One logical line: lines {@code [firstLine, endLine)}.
   *
   * @param explicitOwner false when the record starts with whitespace and so inherits the owner of
   *     the record before it
   * @param record the parsed record, for {@link Kind#RECORD} entries only
   */
  record Entry(int firstLine, int endLine, Kind kind, boolean explicitOwner, Record record) {}

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
    List<Record> records = parseRecords(text, origin, source);
    List<Entry> entries = new ArrayList<>(structure.size());
    int next = 0;
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
                records.get(next++));
      }
      entries.add(entry);
    }
    if (next != records.size()) {
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

  List<Record> records() {
    return entries.stream()
        .filter(entry -> entry.kind() == Kind.RECORD)
        .map(Entry::record)
        .toList();
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

  private static List<Record> parseRecords(String text, Name origin, String source)
      throws ProviderException {
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(new ByteArrayInputStream(encode(text)), origin)) {
      master.disableIncludes(true);
      master.expandGenerate(false);
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
    } catch (IOException | RuntimeException e) {
      // dnsjava names a stream "<none>" in "<none>:12: message"; name the real file instead.
      String message = String.valueOf(e.getMessage());
      message =
          message.startsWith("<none>:")
              ? source + message.substring("<none>".length())
              : source + ": " + message;
      throw new ProviderException(ProviderException.Kind.INVALID, message, e);
    }
    return records;
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
      return new Entry(first, end, Kind.TRIVIA, false, null);
    }
    String firstLine = lines.get(first);
    char firstChar = firstLine.isEmpty() ? ' ' : firstLine.charAt(0);
    if (firstChar == '$') {
      return new Entry(first, end, Kind.DIRECTIVE, true, null);
    }
    boolean explicitOwner = !(firstChar == ' ' || firstChar == '\t');
    return new Entry(first, end, Kind.RECORD, explicitOwner, null);
  }
}
