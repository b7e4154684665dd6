package io.dnsfailover.health;

/**
 * Probes one endpoint. Implementations are safe to call from several threads, block for at most the
 * check's timeout (plus a little scheduling slack), and never throw: every failure, including an
 * unexpected exception, becomes a failed {@link ProbeResult} whose detail says why.
 */
@FunctionalInterface
public interface Checker {
  ProbeResult probe();
}
