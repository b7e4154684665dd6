package io.dnsfailover.benchmarks;

import io.dnsfailover.testkit.dns.DnsClient;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.NamedServer;
import io.dnsfailover.testkit.dns.TsigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the failover benchmark reads the answer, and the config lines that lead the daemon there:
 * the zone file itself ({@code none}), or a real named serving the zone, told by {@code rndc
 * reload} ({@code zonefile}) or updated through RFC 2136 ({@code rfc2136}).
 */
abstract class Answers implements AutoCloseable {

  static final String ZONE_NAME = "example.test.";

  /** The A value of app.example.test. as it stands now, or "" when there is none. */
  abstract String app() throws IOException;

  /** The config's {@code providers:} block, at the left margin, naming the provider "local". */
  abstract String providers();

  /** The zone's {@code verify:} line, or "" for none. */
  String verify() {
    return "";
  }

  /** What the daemon's environment needs (a TSIG secret). */
  Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public void close() {}

  static Answers start(String served, Path work) throws IOException {
    return switch (served) {
      case "none" -> new FileAnswers(work.resolve("example.test.zone"));
      case "zonefile" -> NamedAnswers.fileServed();
      case "rfc2136" -> NamedAnswers.dynamic();
      default -> throw new IllegalArgumentException(served);
    };
  }

  /** The zone file on disk, as the daemon wrote it. */
  private static final class FileAnswers extends Answers {
    private final Path zone;

    FileAnswers(Path zone) throws IOException {
      this.zone = zone;
      Files.writeString(zone, FailoverLatency.ZONE);
    }

    @Override
    String app() throws IOException {
      return FailoverLatency.answer(zone);
    }

    @Override
    String providers() {
      return """
          providers:
            local: { type: zonefile, path: example.test.zone }
          """;
    }
  }

  /** What a real named answers, as dig would ask it. */
  private static final class NamedAnswers extends Answers {
    private final NamedServer named;
    private final DnsClient dig;
    private final String provider;
    private final Map<String, String> environment;

    private NamedAnswers(NamedServer named, String provider, Map<String, String> environment) {
      this.named = named;
      this.dig = named.client(null);
      this.provider = provider;
      this.environment = environment;
    }

    static NamedAnswers fileServed() {
      NamedServer named =
          NamedServer.builder()
              .zone(DnsZone.file(ZONE_NAME).withText(FailoverLatency.ZONE))
              .rndc()
              .startOrSkip();
      String provider =
          """
          providers:
            local:
              type: zonefile
              path: "%s"
              reloadCommand: [rndc, -c, "%s", reload, "{zone}"]
          """
              .formatted(named.zoneFile(ZONE_NAME), named.rndcConf());
      return new NamedAnswers(named, provider, Map.of());
    }

    static NamedAnswers dynamic() {
      TsigKey key = TsigKey.generate("benchmark");
      NamedServer named =
          NamedServer.builder()
              .zone(DnsZone.dynamic(ZONE_NAME, key).withText(FailoverLatency.ZONE))
              .startOrSkip();
      String provider =
          """
          providers:
            local:
              type: rfc2136
              server: "%s"
              tsig: { name: %s, secret: "${TSIG_SECRET}" }
          """
              .formatted(named.hostPort(), key.name());
      return new NamedAnswers(named, provider, Map.of("TSIG_SECRET", key.secret()));
    }

    @Override
    String app() {
      List<String> values = dig.values("app." + ZONE_NAME, "A");
      return values.size() == 1 ? values.getFirst() : "";
    }

    @Override
    String providers() {
      return provider;
    }

    /** The daemon checks what named serves too, as an operator would have it do. */
    @Override
    String verify() {
      return "verify: { servers: [\"" + named.hostPort() + "\"], timeout: 10s }";
    }

    @Override
    Map<String, String> environment() {
      return environment;
    }

    @Override
    public void close() {
      named.close();
    }
  }
}
