package io.dnsfailover.provider.route53;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * TXT values as Route 53 holds them: the tool's value is the raw text; Route 53's is one or more
 * quoted strings of at most {@value #STRING_BYTES} bytes, with {@code "} and {@code \}
 * backslash-escaped and bytes outside printable ASCII as octal escapes. Reading joins the strings
 * back, the way DNS joins a TXT record's strings.
 */
final class Route53Txt {

  /** The longest string inside a TXT value (one length octet on the wire). */
  static final int STRING_BYTES = 255;

  private Route53Txt() {}

  /** Raw text as Route 53's TXT value: quoted strings of at most 255 bytes, escaped. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder value = new StringBuilder();
    int start = 0;
    do {
      int end = Math.min(bytes.length, start + STRING_BYTES);
      if (start > 0) {
        value.append(' ');
      }
      value.append('"');
      for (int i = start; i < end; i++) {
        int b = bytes[i] & 0xff;
        if (b == '"' || b == '\\') {
          value.append('\\').append((char) b);
        } else if (b < 0x20 || b >= 0x7f) {
          value.append('\\').append(octal(b));
        } else {
          value.append((char) b);
        }
      }
      value.append('"');
      start = end;
    } while (start < bytes.length);
    return value.toString();
  }

  /**
   * Route 53's TXT value as raw text: its character strings joined without separators, the way DNS
   * joins a TXT record's strings. A string is quoted, or (as other tools may have written it) an
   * unquoted word.
   */
  static String decode(String value) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int i = 0;
    int n = value.length();
    while (i < n) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = closingQuote(value, i + 1);
        text.writeBytes(unescape(value.substring(i + 1, end)));
        i = end + 1;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(value.charAt(end)) && value.charAt(end) != '"') {
          end = value.charAt(end) == '\\' && end + 1 < n ? end + 2 : end + 1;
        }
        text.writeBytes(unescape(value.substring(i, end)));
        i = end;
      }
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private static int closingQuote(String value, int from) {
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    return value.length();
  }

  /** Undoes {@code \ddd} (octal) and {@code \c} escapes; returns the UTF-8 bytes. */
  static byte[] unescape(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && isOctal(text, i + 1)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8) & 0xff);
        i += 4;
      } else if (c == '\\' && i + 1 < text.length()) {
        bytes.writeBytes(String.valueOf(text.charAt(i + 1)).getBytes(StandardCharsets.UTF_8));
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toByteArray();
  }

  private static boolean isOctal(String text, int from) {
    if (from + 3 > text.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }

  private static String octal(int b) {
    String digits = Integer.toOctalString(b);
    return "0".repeat(3 - digits.length()) + digits;
  }
}
