package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where things live in etcd.
 *
 * <ul>
 *   <li>A name's records: under {@code <prefix>/<labels reversed>}, as CoreDNS's {@code msg.Path}
 *       computes it ({@code app.example.test.} → {@code /skydns/test/example/app}). The zone apex
 *       uses {@code <zone path>/dns/apex}, where CoreDNS looks first for apex queries.
 *   <li>A, AAAA and TXT values: one key per value, {@code <name path>/<8 hex>}, the hex being the
 *       start of SHA-256 over type and value: the same shape as ExternalDNS's keys, and
 *       deterministic, so writing the same answer twice gives the same keys.
 *   <li>CNAME: the name's own key ({@code <name path>}), because CoreDNS answers a CNAME query from
 *       that exact key only.
 *   <li>Ownership marker of {@code <name>}: {@code <ownerPrefix>/owners/<labels reversed>}.
 *   <li>Key ledger of {@code <name>} (which served keys this provider wrote): {@code
 *       <ownerPrefix>/keys/<labels reversed>}.
 * </ul>
 */
final class SkyDnsLayout {

  private final String prefix;
  private final String ownerPrefix;

  SkyDnsLayout(String prefix, String ownerPrefix) {
    this.prefix = prefix;
    this.ownerPrefix = ownerPrefix;
  }

  String prefix() {
    return prefix;
  }

  /** The path holding {@code name}'s records; {@code name} is not a marker name. */
  String servedPath(DnsName name, DnsName zone) throws ProviderException {
    String path = prefix + reversed(name);
    return name.equals(zone) ? path + "/dns/apex" : path;
  }

  String markerKey(DnsName name) throws ProviderException {
    return ownerPrefix + "/owners" + reversed(name);
  }

  String ledgerKey(DnsName name) throws ProviderException {
    return ownerPrefix + "/keys" + reversed(name);
  }

  /** The name a key's data lives under: a marker's lives with the name it marks. */
  static DnsName baseName(DnsName name) {
    if (name.isMarker()) {
      return DnsName.of(name.value().substring(DnsName.MARKER_LABEL.length() + 1));
    }
    return name;
  }

  /** The key of one A, AAAA or TXT value under {@code path}; CNAME uses {@code path} itself. */
  static String valueKey(String path, RecordType type, String value) {
    if (type == RecordType.CNAME) {
      return path;
    }
    return path + "/" + hash(type.name() + " " + value);
  }

  /** {@code /test/example/app} for {@code app.example.test.}. */
  static String reversed(DnsName name) throws ProviderException {
    String value = name.value();
    List<String> labels = List.of(value.substring(0, value.length() - 1).split("\\.", -1));
    StringBuilder path = new StringBuilder();
    for (int i = labels.size() - 1; i >= 0; i--) {
      String label = labels.get(i);
      if (label.isEmpty() || label.contains("/")) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            "coredns: the name " + name + " cannot be stored in etcd (empty label or '/')");
      }
      path.append('/').append(label);
    }
    return path.toString();
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
