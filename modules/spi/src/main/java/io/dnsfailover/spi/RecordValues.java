package io.dnsfailover.spi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Canonical text of record values, so that the same answer compares equal whichever provider or
 * config wrote it: IPv6 in RFC 5952 form ({@code 2001:db8::1}), host names in lower case with a
 * trailing dot. IPv4 and TXT values are kept as given.
 */
public final class RecordValues {

  private RecordValues() {}

  public static String canonical(RecordType type, String value) {
    return switch (type) {
      case A, TXT -> value;
      case AAAA -> canonicalIpv6(value);
      case CNAME -> new DnsName(value).value();
    };
  }

  private static String canonicalIpv6(String value) {
    if (!value.contains(":")) {
      return value;
    }
    try {
      InetAddress address = InetAddress.getByName(value);
      byte[] bytes = address.getAddress();
      if (address instanceof Inet6Address) {
        return ipv6(bytes);
      }
      // Java reads "::ffff:192.0.2.1" as an IPv4 address; spell it as the IPv6 it was written as.
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      return ipv6(mapped);
    } catch (UnknownHostException notALiteral) {
      return value; // validation reports it; a literal never makes a lookup
    }
  }

  /**
   * The RFC 5952 text of a 16-byte IPv6 address: lower-case hex without leading zeros, the first
   * longest run (of two or more) of zero groups as "::".
   */
  public static String ipv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
    }
    return text.toString();
  }
}
