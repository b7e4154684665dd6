package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.Checker;
import io.dnsfailover.health.CheckerFactory;
import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Makes the real checker for an endpoint by its check type: http/https, tcp, icmp, dns. Every
 * checker it makes is thread-safe, never throws, bounds itself by the check's timeout and applies
 * {@code maxLatency}.
 *
 * <p>Create one factory per process and call {@link #create} once per endpoint (not per probe):
 * HTTP checkers derive their client from the shared base client once, so they share its threads.
 */
public final class DefaultCheckerFactory implements CheckerFactory {

  private final OkHttpClient baseClient;
  private final Clock clock;
  private final String pingExecutable;

  /** Real checkers on the system clock, with the JVM's trusted certificates. */
  public DefaultCheckerFactory() {
    this(new OkHttpClient(), Clock.systemUTC());
  }

  /**
   * @param baseClient every HTTP checker derives its client from this one (tests pass a client that
   *     trusts their own certificate authority)
   * @param clock stamps {@link io.dnsfailover.health.ProbeResult#at()}
   */
  public DefaultCheckerFactory(OkHttpClient baseClient, Clock clock) {
    this(baseClient, clock, "ping");
  }

  DefaultCheckerFactory(OkHttpClient baseClient, Clock clock, String pingExecutable) {
    this.baseClient = Objects.requireNonNull(baseClient, "baseClient");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pingExecutable = Objects.requireNonNull(pingExecutable, "pingExecutable");
  }

  @Override
  public Checker create(EndpointConfig endpoint) {
    CheckSpec spec = endpoint.check();
    return switch (spec.probe()) {
      case Probe.Http http -> new HttpChecker(http, spec, baseClient, clock);
      case Probe.Tcp tcp -> new TcpChecker(tcp, spec, clock);
      case Probe.Icmp icmp -> new IcmpChecker(icmp, spec, clock, pingExecutable);
      case Probe.Dns dns -> new DnsChecker(dns, spec, clock);
    };
  }
}
