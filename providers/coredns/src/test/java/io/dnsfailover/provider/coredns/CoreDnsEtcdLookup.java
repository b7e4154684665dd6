package io.dnsfailover.provider.coredns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.KeyValue;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CoreDNS's {@code etcd} plugin answering A, AAAA, CNAME and TXT queries, re-implemented from its
 * documented behaviour and sources (plugin/etcd/etcd.go, msg/path.go, msg/service.go,
 * plugin/backend_lookup.go) so tests can check the answers a client would get. CoreDNS itself is
 * not packaged for these machines.
 *
 * <ul>
 *   <li>The path is the query name's labels reversed under the prefix ({@code msg.Path}).
 *   <li>A, AAAA and TXT read the whole subtree ({@code path/} as a prefix) and fall back to the
 *       exact key; nothing at all is NXDOMAIN. CNAME reads the exact key only.
 *   <li>A value that is not a JSON service fails the query (SERVFAIL).
 *   <li>{@code HostType}: an IPv4 host is A, another IP is AAAA, a name is CNAME unless {@code
 *       text} is set (then TXT); no host with text is TXT. Values without a host are skipped unless
 *       the query is TXT.
 *   <li>TTL: {@code ttl}, or 300 when 0 or missing (no leases here).
 *   <li>CNAMEs are chased inside the zone (loops and self-references dropped); duplicate A/AAAA
 *       hosts and TXT texts are answered once; TXT text is split into 255-byte strings.
 *   <li>The zone apex looks under {@code dns/apex} first, then the whole zone.
 *   <li>{@code group} filtering ({@code msg.Group}) is applied.
 * </ul>
 */
final class CoreDnsEtcdLookup {

  /** One answer record, its data as dig prints it (TXT strings quoted). */
  record Rr(String name, String type, long ttl, String data) {
    @Override
    public String toString() {
      return name + " " + ttl + " " + type + " " + data;
    }
  }

  record Response(String rcode, List<Rr> answers) {}

  /** Reads etcd as the plugin does: one key, or every key with a prefix. */
  interface Etcd {
    List<KeyValue> get(String key, boolean prefix) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private final Etcd etcd;
  private final String prefix;
  private final String zone;

  CoreDnsEtcdLookup(Etcd etcd, String prefix, String zone) {
    this.etcd = etcd;
    this.prefix = prefix;
    this.zone = fqdn(zone);
  }

  Response query(String name, String type) throws Exception {
    String qname = fqdn(name);
    try {
      List<Rr> answers =
          switch (type) {
            case "A", "AAAA" -> address(qname, type, new ArrayList<>());
            case "TXT" -> txt(qname, new ArrayList<>());
            case "CNAME" -> cname(qname);
            default -> throw new IllegalArgumentException(type);
          };
      return new Response("NOERROR", answers);
    } catch (NameError e) {
      return new Response("NXDOMAIN", List.of());
    } catch (BrokenValue e) {
      return new Response("SERVFAIL", List.of());
    }
  }

  private static final class NameError extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private static final class BrokenValue extends Exception {
    private static final long serialVersionUID = 1L;

    BrokenValue(String message) {
      super(message);
    }
  }

  private record Service(String key, String host, String text, long ttl, String group) {
    /** {@code msg.Service.HostType}. */
    String hostType() {
      if (host.isEmpty() || !isIp(host)) {
        return text.isEmpty() ? "CNAME" : "TXT";
      }
      return isIpv4(host) ? "A" : "AAAA";
    }
  }

  private List<Rr> address(String qname, String type, List<Rr> previous) throws Exception {
    List<Service> services = checkForApex(qname);
    List<Rr> records = new ArrayList<>();
    Set<String> dup = new HashSet<>();
    for (Service service : services) {
      switch (service.hostType()) {
        case "CNAME" -> {
          String target = fqdn(service.host());
          if (target.equals(qname) || previous.size() > 7) {
            continue;
          }
          Rr cname = new Rr(qname, "CNAME", service.ttl(), target);
          if (previous.stream().anyMatch(rr -> rr.data().equals(target))) {
            continue;
          }
          if (isSubDomain(zone, target)) {
            List<Rr> chain = new ArrayList<>(previous);
            chain.add(cname);
            try {
              List<Rr> next = address(target, type, chain);
              if (!next.isEmpty()) {
                records.add(cname);
                records.addAll(next);
              }
            } catch (NameError ignored) {
              // an unresolvable in-zone target adds nothing
            }
          } else {
            records.add(cname); // resolved by the upstream, which these tests do not have
          }
        }
        case "A", "AAAA" -> {
          if (service.hostType().equals(type) && dup.add(service.host())) {
            records.add(new Rr(qname, type, service.ttl(), normalise(service.host())));
          }
        }
        default -> {}
      }
    }
    return records;
  }

  private List<Rr> txt(String qname, List<Rr> previous) throws Exception {
    List<Service> services = services(qname, false, "TXT");
    List<Rr> records = new ArrayList<>();
    Set<String> dup = new HashSet<>();
    for (Service service : services) {
      switch (service.hostType()) {
        case "CNAME" -> {
          String target = fqdn(service.host());
          if (target.equals(qname) || previous.size() > 7 || !isSubDomain(zone, target)) {
            continue;
          }
          Rr cname = new Rr(qname, "CNAME", service.ttl(), target);
          List<Rr> chain = new ArrayList<>(previous);
          chain.add(cname);
          List<Rr> next = txt(target, chain);
          if (!next.isEmpty()) {
            records.add(cname);
            records.addAll(next);
          }
        }
        case "TXT" -> {
          if (dup.add(service.text())) {
            records.add(new Rr(qname, "TXT", service.ttl(), quoted(split255(service.text()))));
          }
        }
        default -> {}
      }
    }
    return records;
  }

  private List<Rr> cname(String qname) throws Exception {
    List<Service> services = services(qname, true, "CNAME");
    if (!services.isEmpty() && !isIp(services.get(0).host())) {
      Service service = services.get(0);
      return List.of(new Rr(qname, "CNAME", service.ttl(), fqdn(service.host())));
    }
    return List.of();
  }

  private List<Service> checkForApex(String qname) throws Exception {
    if (!qname.equals(zone)) {
      return services(qname, false, "A");
    }
    try {
      return services("apex.dns." + zone, false, "A");
    } catch (NameError e) {
      return services(qname, false, "A");
    }
  }

  /** {@code Etcd.Records} + {@code msg.Group}. */
  private List<Service> services(String qname, boolean exact, String qtype) throws Exception {
    String path = path(qname);
    List<KeyValue> kvs;
    if (exact) {
      kvs = etcd.get(path, false);
    } else {
      kvs = etcd.get(path + "/", true);
      if (kvs.isEmpty()) {
        kvs = etcd.get(path, false);
      }
    }
    if (kvs.isEmpty()) {
      throw new NameError();
    }
    List<Service> services = new ArrayList<>();
    for (KeyValue kv : kvs) {
      String key = kv.getKey().toString(StandardCharsets.UTF_8);
      Service service = decode(key, kv.getValue().toString(StandardCharsets.UTF_8));
      boolean include =
          (qtype.equals("TXT") && !service.text().isEmpty()) || !service.host().isEmpty();
      if (include) {
        services.add(service);
      }
    }
    return group(services);
  }

  private static Service decode(String key, String value) throws BrokenValue {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (Exception e) {
      throw new BrokenValue(key + ": " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BrokenValue(key + ": not an object");
    }
    for (String field : List.of("host", "text", "group")) {
      if (node.has(field) && !node.get(field).isTextual() && !node.get(field).isNull()) {
        throw new BrokenValue(key + ": " + field);
      }
    }
    if (node.has("ttl") && !node.get("ttl").isNull() && !node.get("ttl").isIntegralNumber()) {
      throw new BrokenValue(key + ": ttl");
    }
    long ttl = node.path("ttl").asLong(0);
    return new Service(
        key,
        node.path("host").asText(""),
        node.path("text").asText(""),
        ttl == 0 ? 300 : ttl,
        node.path("group").asText(""));
  }

  /** {@code msg.Group}: the shortest key with a group decides; disagreement at that level: all. */
  private static List<Service> group(List<Service> services) {
    if (services.isEmpty()) {
      return services;
    }
    String group = services.get(0).group();
    int slashes = slashes(services.get(0).key());
    for (Service service : services) {
      int count = slashes(service.key());
      if (count < slashes) {
        if (service.group().isEmpty()) {
          break;
        }
        slashes = count;
        group = service.group();
      }
    }
    if (group.isEmpty()) {
      return services;
    }
    List<Service> result = new ArrayList<>();
    for (Service service : services) {
      if (service.group().isEmpty()) {
        result.add(service);
        continue;
      }
      if (slashes(service.key()) == slashes && !service.group().equals(group)) {
        return services;
      }
      if (service.group().equals(group)) {
        result.add(service);
      }
    }
    return result;
  }

  /** {@code msg.Path}. */
  private String path(String qname) {
    String[] labels = qname.substring(0, qname.length() - 1).split("\\.");
    StringBuilder path = new StringBuilder(prefix);
    for (int i = labels.length - 1; i >= 0; i--) {
      path.append('/').append(labels[i]);
    }
    return path.toString();
  }

  private static int slashes(String key) {
    return (int) key.chars().filter(c -> c == '/').count();
  }

  private static List<String> split255(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> parts = new ArrayList<>();
    if (bytes.length < 255) {
      return List.of(text);
    }
    for (int start = 0; start < bytes.length; start += 255) {
      int end = Math.min(bytes.length, start + 255);
      parts.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static String quoted(List<String> strings) {
    List<String> quoted = new ArrayList<>();
    for (String string : strings) {
      quoted.add("\"" + string.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return String.join(" ", quoted);
  }

  private static boolean isSubDomain(String parent, String child) {
    return child.equals(parent) || child.endsWith("." + parent);
  }

  private static boolean isIpv4(String host) {
    if (IPV4.matcher(host).matches()) {
      return true;
    }
    try {
      return host.contains(":") && InetAddress.getByName(host) instanceof Inet4Address;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean isIp(String host) {
    if (IPV4.matcher(host).matches()) {
      return true;
    }
    if (!host.contains(":") || !host.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String normalise(String host) throws Exception {
    InetAddress address = InetAddress.getByName(host);
    return address instanceof Inet4Address
        ? address.getHostAddress()
        : io.dnsfailover.spi.RecordValues.canonical(io.dnsfailover.spi.RecordType.AAAA, host);
  }

  private static String fqdn(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
