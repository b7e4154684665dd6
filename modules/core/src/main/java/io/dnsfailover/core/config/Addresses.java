package io.dnsfailover.core.config;

import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.RecordValues;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict syntax checks for addresses and names. Nothing here resolves a name: validation must give
 * the same answer on a laptop without network as on the production host.
 */
final class Addresses {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  // Owner names may hold underscores (_acme-challenge, _srv); host names may not.
  private static final Pattern OWNER_LABEL =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  private Addresses() {}

  static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches();
  }

  static boolean isIpv6(String text) {
    return parseIpv6(text).isPresent();
  }

  static boolean isIpLiteral(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  /** An IPv6 literal in its RFC 5952 form (lower case, longest zero run as ::). */
  static String canonicalIpv6(String text) {
    if (!isIpv6(text)) {
      throw new IllegalArgumentException("not IPv6");
    }
    return RecordValues.canonical(RecordType.AAAA, text);
  }

  /** The eight 16-bit groups, or empty when this is not an IPv6 literal (no zone ids, no []). */
  private static Optional<int[]> parseIpv6(String text) {
    if (text.isEmpty() || !text.contains(":")) {
      return Optional.empty();
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    String head = gap >= 0 ? text.substring(0, gap) : text;
    String tail = gap >= 0 ? text.substring(gap + 2) : "";
    int[] headGroups = groups(head, gap < 0);
    int[] tailGroups = gap >= 0 ? groups(tail, true) : new int[0];
    if (headGroups == null || tailGroups == null) {
      return Optional.empty();
    }
    int count = headGroups.length + tailGroups.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return Optional.empty();
    }
    int[] result = new int[8];
    System.arraycopy(headGroups, 0, result, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, result, 8 - tailGroups.length, tailGroups.length);
    return Optional.of(result);
  }

  /** Groups of one side of "::"; an IPv4 tail (::ffff:192.0.2.1) counts as two groups. */
  private static int[] groups(String part, boolean mayEndInIpv4) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] out = new int[pieces.length + 1];
    int n = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (i == pieces.length - 1 && mayEndInIpv4 && isIpv4(piece)) {
        String[] octets = piece.split("\\.");
        out[n++] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
        out[n++] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
      } else if (HEX_GROUP.matcher(piece).matches()) {
        out[n++] = Integer.parseInt(piece, 16);
      } else {
        return null;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * A host name a CNAME can point to: at least two letters-digits-hyphens labels, a trailing dot
   * optional, and a last label that is not all digits (so an IPv4 literal is not a host name).
   */
  static boolean isHostName(String text) {
    String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return false;
    }
    for (String label : labels) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A record or zone name, absolute or relative (a trailing dot optional): labels of letters,
   * digits, hyphens and underscores, and {@code *} as the first label of a wildcard.
   */
  static boolean isOwnerName(String text) {
    String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      boolean wildcard = i == 0 && labels[i].equals("*");
      if (!wildcard && !OWNER_LABEL.matcher(labels[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The host part of {@code {address}} in a URL: IPv6 in brackets, a CNAME target without dot. */
  static String forUrl(String address) {
    return address.contains(":") ? "[" + address + "]" : withoutTrailingDot(address);
  }

  static String withoutTrailingDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
