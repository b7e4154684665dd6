package io.dnsfailover.core.config;

import java.util.List;
import java.util.stream.Stream;

/** The keys a check accepts: timing keys for every type, and each type's own keys. */
final class CheckKeys {

  static final List<String> TYPES = List.of("http", "https", "tcp", "icmp", "dns");

  static final List<String> COMMON =
      List.of("type", "interval", "timeout", "rise", "fall", "maxLatency", "sourceAddress");

  static final List<String> HTTP =
      List.of(
          "url",
          "method",
          "host",
          "headers",
          "expectStatus",
          "bodyMatches",
          "followRedirects",
          "tlsVerify");
  static final List<String> TCP = List.of("port");
  static final List<String> ICMP = List.of("count", "maxLossPercent");
  static final List<String> DNS = List.of("server", "port", "query", "qtype", "expect");

  /** Every key of every type, each once, in the order the docs list them. */
  static final List<String> ALL =
      Stream.of(COMMON, HTTP, TCP, ICMP, DNS).flatMap(List::stream).distinct().toList();

  private CheckKeys() {}

  /** The type-specific keys of {@code type}, one of {@link #TYPES}. */
  static List<String> specificTo(String type) {
    return switch (type) {
      case "http", "https" -> HTTP;
      case "tcp" -> TCP;
      case "icmp" -> ICMP;
      case "dns" -> DNS;
      default -> throw new IllegalArgumentException("unknown check type " + type);
    };
  }

  static boolean appliesTo(String key, String type) {
    return COMMON.contains(key) || specificTo(type).contains(key);
  }
}
