package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.SOARecord;

/**
 * Edits a zone file's text with the smallest possible diff.
 *
 * <ul>
 *   <li>Lines of records the edit replaces or removes are dropped, whole entries at a time (a
 *       parenthesised record goes with all its lines, a trailing comment with its record).
 *   <li>A kept record that inherited its owner from a dropped record (blank owner field) gets its
 *       absolute owner written in front, so it keeps its name.
 *   <li>The SOA serial token is replaced in place; the rest of the SOA keeps its formatting.
 *   <li>New record lines go at the end, under a comment saying the tool manages them, with absolute
 *       names, explicit TTL and class, so no {@code $ORIGIN} or {@code $TTL} earlier in the file
 *       changes their meaning.
 *   <li>Every other line is kept byte for byte.
 * </ul>
 */
final class ZoneFileEditor {

  static final String MANAGED_BLOCK_HEADER =
      "; Records below are written by dnsfailover (absolute names, explicit TTL)."
          + " Lines above are kept as they are.";

  private ZoneFileEditor() {}

  /**
   * The new text of {@code file}: records whose key is in {@code removed} dropped, {@code added}
   * appended, the SOA serial set to {@code serial}.
   */
  static String edit(
      ZoneFileText file, Set<RecordKey> removed, List<RecordSet> added, long serial) {
    String newline = file.lineSeparator();
    StringBuilder text = new StringBuilder();
    boolean previousRecordDropped = false;
    boolean hasHeader = false;
    for (ZoneFileText.Entry entry : file.entries()) {
      List<String> lines = file.lines().subList(entry.firstLine(), entry.endLine());
      switch (entry.kind()) {
        case TRIVIA -> {
          hasHeader |= lines.stream().anyMatch(line -> line.startsWith(MANAGED_BLOCK_HEADER));
          lines.forEach(text::append);
        }
        case DIRECTIVE -> lines.forEach(text::append);
        case RECORD -> {
          boolean drop = RecordFormat.key(entry.record()).map(removed::contains).orElse(false);
          if (!drop) {
            List<String> kept = new ArrayList<>(lines);
            if (entry.record() instanceof SOARecord) {
              replaceSerial(kept, entry.explicitOwner(), serial);
            }
            if (!entry.explicitOwner() && previousRecordDropped) {
              kept.set(0, entry.record().getName() + kept.getFirst());
            }
            kept.forEach(text::append);
          }
          previousRecordDropped = drop;
        }
      }
    }
    if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
      text.append(newline);
    }
    if (!added.isEmpty() && !hasHeader) {
      text.append(newline).append(MANAGED_BLOCK_HEADER).append(newline);
    }
    for (RecordSet recordSet : added) {
      for (String line : RecordFormat.lines(recordSet)) {
        text.append(line).append(newline);
      }
    }
    return text.toString();
  }

  /**
   * Replaces the serial token of an SOA entry: the third token after {@code SOA} (MNAME, RNAME,
   * SERIAL), wherever the line breaks and comments fall.
   */
  private static void replaceSerial(List<String> lines, boolean explicitOwner, long serial) {
    int tokensAfterSoa = -1;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      int i = 0;
      boolean firstToken = index == 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == ';') {
          break;
        }
        if (Character.isWhitespace(c) || c == '(' || c == ')') {
          i++;
          continue;
        }
        int start = i;
        while (i < line.length() && !isDelimiter(line.charAt(i))) {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        i = Math.min(i, line.length());
        String token = line.substring(start, i);
        if (firstToken && explicitOwner) {
          firstToken = false;
          continue;
        }
        firstToken = false;
        if (tokensAfterSoa < 0) {
          if (token.toUpperCase(Locale.ROOT).equals("SOA")) {
            tokensAfterSoa = 0;
          }
        } else if (++tokensAfterSoa == 3) {
          lines.set(index, line.substring(0, start) + serial + line.substring(i));
          return;
        }
      }
    }
    throw new IllegalStateException("no serial found in the SOA record: " + lines);
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ';' || c == '(' || c == ')';
  }
}
