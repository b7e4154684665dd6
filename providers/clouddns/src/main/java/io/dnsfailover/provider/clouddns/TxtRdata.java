package io.dnsfailover.provider.clouddns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * TXT rrdata in Cloud DNS's format (RFC 1035 presentation form) and back. A {@link
 * io.dnsfailover.spi.RecordSet} holds TXT values as raw text; Cloud DNS holds each value as one or
 * more quoted character-strings of at most 255 bytes.
 */
final class TxtRdata {

  /** The longest character-string DNS allows, in bytes. */
  static final int MAX_STRING_BYTES = 255;

  private TxtRdata() {}

  /**
   * Quotes {@code text}: UTF-8 bytes split into strings of at most 255 bytes, each in double
   * quotes; {@code "} and {@code \} escaped with a backslash, other bytes outside printable ASCII
   * as {@code \DDD}. The empty text is one empty string.
   */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    int start = 0;
    do {
      int end = Math.min(bytes.length, start + MAX_STRING_BYTES);
      if (start > 0) {
        out.append(' ');
      }
      out.append('"');
      for (int i = start; i < end; i++) {
        int b = bytes[i] & 0xff;
        if (b == '"' || b == '\\') {
          out.append('\\').append((char) b);
        } else if (b < 0x20 || b > 0x7e) {
          out.append('\\').append(String.format("%03d", b));
        } else {
          out.append((char) b);
        }
      }
      out.append('"');
      start = end;
    } while (start < bytes.length);
    return out.toString();
  }

  /**
   * The raw text of one rrdata as any tool may have written it: quoted or bare character-strings,
   * separated by spaces, with {@code \X} and {@code \DDD} escapes; the strings are concatenated.
   */
  static String decode(String rrdata) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    int length = rrdata.length();
    while (i < length) {
      char c = rrdata.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      boolean quoted = c == '"';
      if (quoted) {
        i++;
      }
      while (i < length) {
        c = rrdata.charAt(i);
        if (quoted ? c == '"' : c == ' ' || c == '\t') {
          break;
        }
        if (c == '\\' && i + 1 < length) {
          if (isDigits(rrdata, i + 1)) {
            bytes.write(Integer.parseInt(rrdata.substring(i + 1, i + 4)));
            i += 4;
          } else {
            writeUtf8(bytes, rrdata.charAt(i + 1));
            i += 2;
          }
          continue;
        }
        int codePoint = rrdata.codePointAt(i);
        writeUtf8(bytes, codePoint);
        i += Character.charCount(codePoint);
      }
      if (quoted) {
        i++; // the closing quote (a missing one ends the text)
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isDigits(String text, int from) {
    if (from + 3 > text.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return Integer.parseInt(text.substring(from, from + 3)) <= 255;
  }

  private static void writeUtf8(ByteArrayOutputStream bytes, int codePoint) {
    bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
  }
}
