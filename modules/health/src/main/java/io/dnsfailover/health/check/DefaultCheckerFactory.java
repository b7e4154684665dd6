package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.Checker;
import io.dnsfailover.health.CheckerFactory;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes the real checker for an endpoint by its check type: http/https, tcp, icmp, dns. Every
 * checker it makes is thread-safe, never throws, bounds itself by the check's timeout and applies
 * {@code maxLatency}.
 *
 * <p>Call {@link #create} once per endpoint, not per probe: a checker parses its settings once.
 */
public final class DefaultCheckerFactory implements CheckerFactory {

  private final SSLContext tlsContext;
  private final SSLSocketFactory tls;
  private final Clock clock;
  private final String pingExecutable;

  /** Real checkers on the system clock, with the JVM's trusted certificates. */
  public DefaultCheckerFactory() {
    this(defaultTls(), Clock.systemUTC());
  }

  /**
   * @param tls https checks verify certificates with this context (tests pass one that trusts their
   *     own certificate authority); {@code tlsVerify: false} checks do not use it
   * @param clock stamps {@link io.dnsfailover.health.ProbeResult#at()}
   */
  public DefaultCheckerFactory(SSLContext tls, Clock clock) {
    this(tls, clock, "ping");
  }

  DefaultCheckerFactory(SSLContext tls, Clock clock, String pingExecutable) {
    this.tlsContext = Objects.requireNonNull(tls, "tls");
    this.tls = tls.getSocketFactory();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pingExecutable = Objects.requireNonNull(pingExecutable, "pingExecutable");
  }

  @Override
  public Checker create(EndpointConfig endpoint) {
    CheckSpec spec = endpoint.check();
    return switch (spec.probe()) {
      case Probe.Http http -> new HttpChecker(http, spec, tls, clock);
      case Probe.Tcp tcp -> new TcpChecker(tcp, spec, clock);
      case Probe.Icmp icmp -> new IcmpChecker(icmp, spec, clock, pingExecutable);
      case Probe.Dns dns -> new DnsChecker(dns, spec, clock);
    };
  }

  /**
   * Warms up the checker types {@code endpoints} use ({@link WarmUp}): on a loopback responder of
   * its own, through the same checker classes, so a probe's first run measures the network, not the
   * JVM loading classes and initialising TLS.
   */
  @Override
  public void warmUp(List<EndpointConfig> endpoints) {
    WarmUp.run(WarmUp.partsFor(endpoints), tlsContext, clock);
  }

  static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }
}
