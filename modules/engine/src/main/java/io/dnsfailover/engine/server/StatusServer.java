package io.dnsfailover.engine.server;

import io.dnsfailover.engine.DaemonState;
import io.dnsfailover.engine.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: a handful of small GET endpoints for Prometheus, probes and a person,
 * on {@link BoundedHttpServer} (virtual threads, deadlines, a connection cap; no dependency).
 *
 * <ul>
 *   <li>{@code /healthz}: 200 while the process is alive.
 *   <li>{@code /readyz}: 503 until the first reconcile has finished, then 200.
 *   <li>{@code /metrics}: Prometheus text format ({@link PrometheusMetrics}).
 *   <li>{@code /status}: JSON ({@link StatusJson}).
 *   <li>{@code /}: the status page, one self-contained HTML file from the jar that reads {@code
 *       /status} every few seconds.
 * </ul>
 *
 * With a {@link BearerToken}, every path except {@code /healthz} and {@code /readyz} answers 401
 * without it. The two probes stay open because Kubernetes' kubelet sends no credentials, and they
 * reveal nothing beyond "alive" and "ready"; they are answered even past the connection cap. GET
 * and HEAD only.
 *
 * <p>{@code /status} and {@code /metrics} are rendered once for every request that arrives while a
 * render is running ({@link SharedRender}): two hundred concurrent scrapes cost one or two renders
 * and one copy of the document in memory, not two hundred, and the probes are never queued behind
 * them for a CPU.
 */
public final class StatusServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final String PAGE = "status.html";
  private static final Set<String> PROBES = Set.of("/healthz", "/readyz");

  private final BoundedHttpServer server;

  private StatusServer(BoundedHttpServer server) {
    this.server = server;
  }

  /**
   * Binds {@code address} (port 0: any free port) and starts serving; logs the address actually
   * bound.
   *
   * @throws IOException when the address cannot be bound (in use, not local, not allowed)
   */
  public static StatusServer start(
      InetSocketAddress address,
      Supplier<DaemonState> state,
      RecentActivity activity,
      PrometheusMetrics metrics,
      Optional<BearerToken> token,
      Clock clock)
      throws IOException {
    return start(
        address, state, activity, metrics, token, clock, BoundedHttpServer.Limits.defaults());
  }

  static StatusServer start(
      InetSocketAddress address,
      Supplier<DaemonState> state,
      RecentActivity activity,
      PrometheusMetrics metrics,
      Optional<BearerToken> token,
      Clock clock,
      BoundedHttpServer.Limits limits)
      throws IOException {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(token, "token");
    Routes routes = new Routes(state, activity, metrics, token, clock, loadPage());
    BoundedHttpServer http =
        BoundedHttpServer.start(
            address, limits, routes::handle, request -> PROBES.contains(request.path()), clock);
    StatusServer server = new StatusServer(http);
    log.info(
        "status server listening on {} (/metrics, /status, /healthz, /readyz){}",
        server.uri(),
        token.isPresent()
            ? "; a bearer token is required except on /healthz and /readyz"
            : "; no token required");
    return server;
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return server.address();
  }

  /** {@code http://HOST:PORT/} of the bound address. */
  public URI uri() {
    InetAddress host = address().getAddress();
    String literal = host.getHostAddress();
    if (literal.contains(":")) {
      literal = "[" + literal.replaceFirst("%.*$", "") + "]";
    }
    return URI.create("http://" + literal + ":" + address().getPort() + "/");
  }

  /** Connections open now: for tests and the benchmark. */
  int openConnections() {
    return server.openConnections();
  }

  @Override
  public void close() {
    server.close();
  }

  /** What each path answers. */
  private static final class Routes {
    private final Supplier<DaemonState> state;
    private final Optional<BearerToken> token;
    private final byte[] page;
    private final SharedRender status;
    private final SharedRender scrape;

    Routes(
        Supplier<DaemonState> state,
        RecentActivity activity,
        PrometheusMetrics metrics,
        Optional<BearerToken> token,
        Clock clock,
        byte[] page) {
      this.state = state;
      this.token = token;
      this.page = page;
      this.status =
          new SharedRender(out -> StatusJson.write(state.get(), activity, clock.instant(), out));
      this.scrape =
          new SharedRender(out -> out.write(metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    BoundedHttpServer.Response handle(BoundedHttpServer.Request request) {
      try {
        return route(request);
      } catch (RuntimeException e) {
        log.warn("status request {} failed: {}", request.path(), e.toString(), e);
        return response(500, TEXT, "internal error: see the daemon's log\n", List.of());
      }
    }

    private BoundedHttpServer.Response route(BoundedHttpServer.Request request) {
      String method = request.method();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return response(
            405, TEXT, "method not allowed: use GET\n", List.of(Map.entry("Allow", "GET, HEAD")));
      }
      switch (request.path()) {
        case "/healthz" -> {
          return response(200, TEXT, "ok\n", List.of());
        }
        case "/readyz" -> {
          return state.get().ready()
              ? response(200, TEXT, "ready\n", List.of())
              : response(503, TEXT, "not ready: waiting for the first reconcile\n", List.of());
        }
        default -> {
          if (!authorized(request)) {
            return response(
                401,
                TEXT,
                "unauthorized: send Authorization: Bearer <token>\n",
                List.of(
                    Map.entry("WWW-Authenticate", "Basic realm=\"dnsfailover\", charset=\"UTF-8\""),
                    Map.entry("WWW-Authenticate", "Bearer realm=\"dnsfailover\"")));
          }
          return guarded(request.path());
        }
      }
    }

    private BoundedHttpServer.Response guarded(String path) {
      return switch (path) {
        case "/", "/index.html" ->
            response(
                200,
                "text/html; charset=utf-8",
                page,
                List.of(
                    Map.entry("Content-Security-Policy", PAGE_POLICY),
                    Map.entry("X-Frame-Options", "DENY")));
        case "/status" -> response(200, "application/json", status.get(), List.of());
        case "/metrics" -> response(200, PrometheusMetrics.CONTENT_TYPE, scrape.get(), List.of());
        default -> response(404, TEXT, "not found: try /, /status or /metrics\n", List.of());
      };
    }

    private boolean authorized(BoundedHttpServer.Request request) {
      if (token.isEmpty()) {
        return true;
      }
      return token.get().matches(request.header("Authorization"));
    }
  }

  private static final String TEXT = "text/plain; charset=utf-8";

  /** The page may run its own inline script and style and fetch this origin; nothing else. */
  private static final String PAGE_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
          + " connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static BoundedHttpServer.Response response(
      int status, String contentType, String body, List<Map.Entry<String, String>> headers) {
    return response(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static BoundedHttpServer.Response response(
      int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    all.add(Map.entry("Content-Type", contentType));
    all.add(Map.entry("X-Content-Type-Options", "nosniff"));
    all.add(Map.entry("Cache-Control", "no-store"));
    all.add(Map.entry("Referrer-Policy", "no-referrer"));
    all.addAll(headers);
    return new BoundedHttpServer.Response(status, all, body);
  }

  private static byte[] loadPage() {
    try (InputStream in = StatusServer.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException("status page " + PAGE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
