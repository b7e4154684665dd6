/**
 * The daemon's HTTP server: {@link io.dnsfailover.engine.server.StatusServer} serves {@code /},
 * {@code /status}, {@code /metrics}, {@code /healthz} and {@code /readyz} on the JDK's own HTTP
 * server; {@link io.dnsfailover.engine.server.StatusJson} renders the state, {@link
 * io.dnsfailover.engine.server.RecentActivity} keeps probe history and recent events in memory for
 * the page, and {@link io.dnsfailover.engine.server.BearerToken} guards everything but the two
 * probes. The page itself is {@code status.html} beside these classes in the jar.
 */
package io.dnsfailover.engine.server;
