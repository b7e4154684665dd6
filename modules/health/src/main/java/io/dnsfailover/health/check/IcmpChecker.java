package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.spi.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code icmp}: sends {@code count} echo requests with the system {@code ping} (iputils: {@code
 * ping -n -q -c COUNT -W SECONDS [-I sourceAddress] [-6] host}); healthy when the loss is at most
 * {@code maxLossPercent}. The latency it reports, and {@code maxLatency} limits, is the average
 * round-trip time. A probe takes about {@code count - 1} seconds plus the timeout, as ping paces
 * its requests one second apart.
 *
 * <p><b>Privileges.</b> ping must be installed (Debian/Ubuntu: {@code iputils-ping}) and allowed to
 * send ICMP: either the process (or the ping binary) has {@code CAP_NET_RAW}, for example {@code
 * docker run --cap-add NET_RAW}, or the user's group is inside {@code sysctl
 * net.ipv4.ping_group_range} (for example {@code sysctl -w net.ipv4.ping_group_range="0
 * 2147483647"}). Without either the probe fails with "cannot send ICMP: ...": it never passes
 * silently.
 */
final class IcmpChecker extends AbstractChecker {

  private static final Duration SLACK = Duration.ofSeconds(2);

  private final Probe.Icmp probe;
  private final Optional<String> sourceAddress;
  private final String pingExecutable;

  IcmpChecker(Probe.Icmp probe, CheckSpec spec, Clock clock, String pingExecutable) {
    super(spec, clock);
    this.probe = probe;
    this.sourceAddress = spec.sourceAddress();
    this.pingExecutable = pingExecutable;
  }

  List<String> command() {
    long waitSeconds = Math.max(1, (timeout().toMillis() + 999) / 1000);
    String host = probe.host().replace("[", "").replace("]", "");
    List<String> command = new ArrayList<>();
    command.add(pingExecutable);
    command.addAll(List.of("-n", "-q", "-c", Integer.toString(Math.max(1, probe.count()))));
    command.addAll(List.of("-W", Long.toString(waitSeconds)));
    sourceAddress.ifPresent(address -> command.addAll(List.of("-I", address)));
    if (host.contains(":")) {
      command.add("-6");
    }
    command.add(host);
    return command;
  }

  @Override
  Attempt attempt() throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Attempt.failure(PingOutput.NOT_INSTALLED);
    }
    Duration deadline = timeout().plusSeconds(Math.max(0, probe.count() - 1)).plus(SLACK);
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        return Attempt.failure("ping did not finish within " + Durations.format(deadline));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return PingOutput.interpret(output, probe.maxLossPercent(), sourceAddress);
    } finally {
      process.destroyForcibly();
    }
  }
}
