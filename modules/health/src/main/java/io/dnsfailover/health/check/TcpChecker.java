package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.spi.Durations;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.Optional;

/** {@code tcp}: healthy when a TCP connection to {@code host:port} opens within the timeout. */
final class TcpChecker extends AbstractChecker {

  private final Probe.Tcp probe;
  private final Optional<String> sourceAddress;

  TcpChecker(Probe.Tcp probe, CheckSpec spec, Clock clock) {
    super(spec, clock);
    this.probe = probe;
    this.sourceAddress = spec.sourceAddress();
  }

  @Override
  Attempt attempt() throws Exception {
    try (Socket socket = new Socket()) {
      if (sourceAddress.isPresent()) {
        SourceAddress.bind(socket, SourceAddress.parse(sourceAddress.get()));
      }
      socket.connect(new InetSocketAddress(probe.host(), probe.port()), timeoutMillis());
      return Attempt.success("connected");
    }
  }

  @Override
  String describe(Exception error) {
    return Failures.describe(error, "connect timed out after " + Durations.format(timeout()));
  }

  private int timeoutMillis() {
    return (int) Math.clamp(timeout().toMillis(), 1, Integer.MAX_VALUE);
  }
}
