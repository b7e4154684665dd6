package io.dnsfailover.core.config;

import io.dnsfailover.core.config.CheckLayer.Located;
import io.dnsfailover.core.config.Probe.StatusRange;
import io.dnsfailover.spi.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one endpoint's {@link CheckSpec} from its merged check: applies the built-in defaults,
 * substitutes {@code {address}}, and checks what only the merged check can tell (required keys,
 * timeout against interval, a URL that parses once the address is in).
 */
final class CheckBuilder {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final int DEFAULT_RISE = 2;
  static final int DEFAULT_FALL = 3;
  static final int DEFAULT_ICMP_COUNT = 3;

  /**
   * With the default count of 3, one lost reply of three (33%) passes and two fail: a single
   * dropped packet should not fail a probe, and rise/fall already smooth what remains.
   */
  static final int DEFAULT_MAX_LOSS_PERCENT = 34;

  static final int DEFAULT_DNS_PORT = 53;

  private static final String ADDRESS = "{address}";

  private final ValueReader values;

  CheckBuilder(ValueReader values) {
    this.values = values;
  }

  /**
   * The check, or empty when a value is wrong or unknown (all reported).
   *
   * @param own the layer whose mapping a missing required key is reported at
   * @param address the endpoint's address in canonical form
   */
  Optional<CheckSpec> build(CheckMerger.Merged merged, CheckLayer own, String address) {
    Problems problems = values.problems();
    CheckDraft draft = CheckDraft.read(merged.entries(), values);
    Duration interval = draft.interval.orElse(DEFAULT_INTERVAL);
    Duration timeout = draft.timeout.orElse(DEFAULT_TIMEOUT);
    boolean timingValid = checkTiming(draft, interval, timeout);
    Optional<Probe> probe = probe(merged.type(), draft, own, address);
    if (draft.failed() || !timingValid || probe.isEmpty()) {
      return Optional.empty();
    }
    draft
        .maxLatency
        .filter(maxLatency -> maxLatency.compareTo(timeout) > 0)
        .ifPresent(
            maxLatency -> {
              Located at = draft.located("maxLatency").orElseThrow();
              problems.warning(
                  at.node(),
                  at.path(),
                  "maxLatency "
                      + at.node().describe()
                      + " is longer than timeout "
                      + describe(draft, "timeout", timeout)
                      + ", so it never applies: a probe that slow has already timed out");
            });
    return Optional.of(
        new CheckSpec(
            interval,
            timeout,
            draft.rise.orElse(DEFAULT_RISE),
            draft.fall.orElse(DEFAULT_FALL),
            draft.maxLatency,
            draft.sourceAddress,
            probe.get()));
  }

  private boolean checkTiming(CheckDraft draft, Duration interval, Duration timeout) {
    boolean valid = true;
    for (String key : List.of("interval", "timeout")) {
      Duration value = key.equals("interval") ? interval : timeout;
      Optional<Located> at = draft.located(key);
      if (value.isZero() && at.isPresent()) {
        values
            .problems()
            .error(
                at.get().node(),
                at.get().path(),
                key + " must be longer than 0s, like 500ms or 10s");
        valid = false;
      }
    }
    if (valid && timeout.compareTo(interval) >= 0) {
      // Point at whichever of the two the user wrote; timeout first, since it is usually the fix.
      Located at = draft.located("timeout").or(() -> draft.located("interval")).orElseThrow();
      values
          .problems()
          .error(
              at.node(),
              at.path(),
              "timeout "
                  + describe(draft, "timeout", timeout)
                  + " must be shorter than interval "
                  + describe(draft, "interval", interval)
                  + ": a probe must end before the next one starts");
      valid = false;
    }
    return valid;
  }

  /** A timing value for a message: as written (with where, if elsewhere) or the built-in. */
  private static String describe(CheckDraft draft, String key, Duration builtIn) {
    return draft
        .located(key)
        .map(at -> at.node().describe() + " (" + at.path() + ")")
        .orElse("'" + Durations.format(builtIn) + "' (built-in default)");
  }

  private Optional<Probe> probe(String type, CheckDraft draft, CheckLayer own, String address) {
    String plain = Addresses.withoutTrailingDot(address);
    return switch (type) {
      case "http", "https" -> {
        String template = draft.url.orElse(type + "://" + ADDRESS + "/");
        Optional<URI> url = url(type, draft, template.replace(ADDRESS, Addresses.forUrl(address)));
        yield url.map(
            uri ->
                new Probe.Http(
                    type,
                    uri,
                    draft.method.orElse("GET"),
                    draft.host.map(host -> host.replace(ADDRESS, plain)),
                    draft.headers.orElse(Map.of()),
                    draft.expectStatus.orElse(List.of(new StatusRange(200, 299))),
                    draft.bodyMatches,
                    draft.followRedirects.orElse(false),
                    draft.tlsVerify.orElse(true)));
      }
      case "tcp" ->
          required(draft, draft.port, own, "port", "tcp checks need a port from 1 to 65535")
              .map(port -> new Probe.Tcp(plain, port));
      case "icmp" ->
          Optional.of(
              new Probe.Icmp(
                  plain,
                  draft.count.orElse(DEFAULT_ICMP_COUNT),
                  draft.maxLossPercent.orElse(DEFAULT_MAX_LOSS_PERCENT)));
      case "dns" -> {
        Optional<String> query =
            required(
                    draft,
                    draft.query,
                    own,
                    "query",
                    "dns checks need a name to ask for, like {address}")
                .map(text -> text.replace(ADDRESS, plain));
        Optional<String> server = server(draft, plain);
        if (query.isEmpty() || server.isEmpty()) {
          yield Optional.empty();
        }
        yield Optional.of(
            new Probe.Dns(
                server.get(),
                draft.port.orElse(DEFAULT_DNS_PORT),
                query.get(),
                draft.qtype.orElse("A"),
                draft.expect.orElse(List.of())));
      }
      default -> throw new IllegalArgumentException("unknown check type " + type);
    };
  }

  private <T> Optional<T> required(
      CheckDraft draft, Optional<T> value, CheckLayer own, String key, String hint) {
    if (draft.located(key).isEmpty()) {
      values
          .problems()
          .error(own.mapping(), KeyPaths.key(own.path(), key), "required key is missing: " + hint);
    }
    return value;
  }

  private Optional<URI> url(String type, CheckDraft draft, String text) {
    try {
      URI uri = new URI(text);
      if (type.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, without the exception's message: it quotes the substituted text
    }
    Located at = draft.located("url").orElseThrow();
    values
        .problems()
        .error(
            at.node(),
            at.path(),
            Probe.Http.redactPassword(at.node().describe())
                + " is not a valid "
                + type
                + " URL once {address} is substituted: write "
                + type
                + "://{address}:8080/path (the scheme must match the check type)");
    return Optional.empty();
  }

  private Optional<String> server(CheckDraft draft, String plainAddress) {
    String server = draft.server.orElse(ADDRESS).replace(ADDRESS, plainAddress);
    if (Addresses.isIpLiteral(server) || Addresses.isHostName(server)) {
      return Optional.of(server);
    }
    if (draft.server.isEmpty()) {
      return Optional.of(server);
    }
    Located at = draft.located("server").orElseThrow();
    values
        .problems()
        .error(
            at.node(),
            at.path(),
            at.node().describe()
                + " is not a server address: write an IP address, a host name or {address}");
    return Optional.empty();
  }
}
