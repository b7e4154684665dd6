package io.dnsfailover.core.config;

import io.dnsfailover.core.config.CheckLayer.Located;
import io.dnsfailover.core.config.Probe.StatusRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed values of some check keys, each optional: read from one layer to report its mistakes,
 * and from a merged set of layers to build an endpoint's check. {@code {address}} is not
 * substituted yet.
 */
final class CheckDraft {

  static final List<String> QTYPES =
      List.of("A", "AAAA", "CNAME", "TXT", "MX", "NS", "SOA", "SRV", "PTR", "CAA");

  private static final Pattern HTTP_METHOD = Pattern.compile("[A-Z]+");
  private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{3})-(\\d{3})");

  private final Map<String, Located> entries;
  private final ValueReader values;
  private boolean failed;

  final Optional<String> type;
  final Optional<Duration> interval;
  final Optional<Duration> timeout;
  final Optional<Integer> rise;
  final Optional<Integer> fall;
  final Optional<Duration> maxLatency;
  final Optional<String> sourceAddress;
  final Optional<String> url;
  final Optional<String> method;
  final Optional<String> host;
  final Optional<Map<String, String>> headers;
  final Optional<List<StatusRange>> expectStatus;
  final Optional<Pattern> bodyMatches;
  final Optional<Boolean> followRedirects;
  final Optional<Boolean> tlsVerify;
  final Optional<Integer> port;
  final Optional<Integer> count;
  final Optional<Integer> maxLossPercent;
  final Optional<String> server;
  final Optional<String> query;
  final Optional<String> qtype;
  final Optional<List<String>> expect;

  private CheckDraft(Map<String, Located> entries, ValueReader values) {
    this.entries = entries;
    this.values = values;
    type = read("type", (node, path) -> values.choice(node, path, CheckKeys.TYPES));
    interval = read("interval", values::duration);
    timeout = read("timeout", values::duration);
    rise = read("rise", (node, path) -> values.integer(node, path, 1, 100));
    fall = read("fall", (node, path) -> values.integer(node, path, 1, 100));
    maxLatency = read("maxLatency", values::duration);
    sourceAddress = read("sourceAddress", this::ipLiteral);
    url = read("url", (node, path) -> values.text(node, path, "a URL"));
    method = read("method", this::httpMethod);
    host = read("host", (node, path) -> values.text(node, path, "a host name"));
    headers = read("headers", (node, path) -> HeaderReader.read(node, path, values));
    expectStatus = read("expectStatus", this::statusRanges);
    bodyMatches = read("bodyMatches", this::regex);
    followRedirects = read("followRedirects", values::bool);
    tlsVerify = read("tlsVerify", values::bool);
    port = read("port", (node, path) -> values.integer(node, path, 1, 65535));
    count = read("count", (node, path) -> values.integer(node, path, 1, 100));
    maxLossPercent = read("maxLossPercent", (node, path) -> values.integer(node, path, 0, 100));
    server = read("server", (node, path) -> values.text(node, path, "a server address"));
    query = read("query", (node, path) -> values.text(node, path, "a DNS name to ask for"));
    qtype = read("qtype", (node, path) -> values.choice(node, path, QTYPES));
    expect = read("expect", this::texts);
  }

  static CheckDraft read(Map<String, Located> entries, ValueReader values) {
    return new CheckDraft(entries, values);
  }

  /** True when some key is present but its value was wrong or unknown (already reported). */
  boolean failed() {
    return failed;
  }

  Optional<Located> located(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  private <T> Optional<T> read(String key, BiFunction<Node, String, Optional<T>> reader) {
    Located located = entries.get(key);
    if (located == null) {
      return Optional.empty();
    }
    Optional<T> value = reader.apply(located.node(), located.path());
    if (value.isEmpty()) {
      failed = true;
    }
    return value;
  }

  private Optional<String> ipLiteral(Node node, String path) {
    return values
        .text(node, path, "an IP address")
        .filter(
            text -> {
              if (Addresses.isIpLiteral(text)) {
                return true;
              }
              values
                  .problems()
                  .error(
                      node,
                      path,
                      ValueReader.quote(node)
                          + " is not an IP address: write the IPv4 or IPv6 literal of a local"
                          + " interface, like 192.0.2.1 or 2001:db8::1");
              return false;
            });
  }

  private Optional<String> httpMethod(Node node, String path) {
    return values
        .text(node, path, "an HTTP method")
        .filter(
            text -> {
              if (HTTP_METHOD.matcher(text).matches()) {
                return true;
              }
              values
                  .problems()
                  .error(
                      node,
                      path,
                      ValueReader.quote(node)
                          + " is not an HTTP method: write it in capitals, like GET or HEAD");
              return false;
            });
  }

  private Optional<List<StatusRange>> statusRanges(Node node, String path) {
    String expected = "a list of status codes or ranges, like [200, 301] or [\"200-299\"]";
    Optional<Node.Sequence> list = values.list(node, path, expected);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    List<StatusRange> ranges = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < list.get().items().size(); i++) {
      Node item = list.get().items().get(i);
      Optional<StatusRange> range = statusRange(item, KeyPaths.index(path, i));
      range.ifPresent(ranges::add);
      complete &= range.isPresent();
    }
    if (complete && ranges.isEmpty()) {
      values.problems().error(node, path, "is empty: " + expected);
      return Optional.empty();
    }
    return complete ? Optional.of(ranges) : Optional.empty();
  }

  private Optional<StatusRange> statusRange(Node node, String path) {
    String expected = "a status code from 100 to 599, or a range like 200-299";
    return values
        .text(node, path, expected)
        .flatMap(
            text -> {
              String trimmed = text.trim();
              Matcher range = STATUS_RANGE.matcher(trimmed);
              int from;
              int to;
              if (range.matches()) {
                from = Integer.parseInt(range.group(1));
                to = Integer.parseInt(range.group(2));
              } else if (trimmed.matches("\\d{3}")) {
                from = Integer.parseInt(trimmed);
                to = from;
              } else {
                from = -1;
                to = -1;
              }
              if (from < 100 || to > 599 || from > to) {
                values
                    .problems()
                    .error(node, path, ValueReader.quote(node) + " is not " + expected);
                return Optional.empty();
              }
              return Optional.of(new StatusRange(from, to));
            });
  }

  private Optional<Pattern> regex(Node node, String path) {
    return values
        .text(node, path, "a regular expression")
        .flatMap(
            text -> {
              try {
                return Optional.of(Pattern.compile(text));
              } catch (PatternSyntaxException e) {
                // getDescription() leaves out the pattern itself, which may hold a substituted
                // value.
                values
                    .problems()
                    .error(
                        node,
                        path,
                        ValueReader.quote(node)
                            + " is not a valid regular expression: "
                            + e.getDescription());
                return Optional.empty();
              }
            });
  }

  private Optional<List<String>> texts(Node node, String path) {
    Optional<Node.Sequence> list = values.list(node, path, "a list of expected answers");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < list.get().items().size(); i++) {
      Optional<String> text =
          values.text(list.get().items().get(i), KeyPaths.index(path, i), "an expected answer");
      text.ifPresent(texts::add);
      complete &= text.isPresent();
    }
    return complete ? Optional.of(texts) : Optional.empty();
  }
}
