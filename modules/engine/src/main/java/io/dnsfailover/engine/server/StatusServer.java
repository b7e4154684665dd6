package io.dnsfailover.engine.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dnsfailover.engine.DaemonState;
import io.dnsfailover.engine.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server, on the JDK's own {@code com.sun.net.httpserver}: a handful of small GET
 * endpoints for Prometheus, probes and a person do not need a web framework, and this adds no
 * dependency to the jar.
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
 * reveal nothing beyond "alive" and "ready". GET and HEAD only; a small fixed pool of threads
 * serves requests, so a flood of scrapes cannot starve the reconcile loop.
 */
public final class StatusServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final String PAGE = "status.html";
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<DaemonState> state;
  private final RecentActivity activity;
  private final PrometheusMetrics metrics;
  private final Optional<BearerToken> token;
  private final Clock clock;
  private final byte[] page;

  private StatusServer(
      HttpServer server,
      Supplier<DaemonState> state,
      RecentActivity activity,
      PrometheusMetrics metrics,
      Optional<BearerToken> token,
      Clock clock) {
    this.server = server;
    this.state = state;
    this.activity = activity;
    this.metrics = metrics;
    this.token = token;
    this.clock = clock;
    this.page = loadPage();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            THREADS,
            runnable ->
                Thread.ofPlatform()
                    .daemon()
                    .name("status-http-" + threads.incrementAndGet())
                    .unstarted(runnable));
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
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(token, "token");
    HttpServer http = HttpServer.create(address, 0);
    StatusServer server = new StatusServer(http, state, activity, metrics, token, clock);
    http.setExecutor(server.executor);
    http.createContext("/", server::handle);
    http.start();
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
    return server.getAddress();
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

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      boolean head = method.equals("HEAD");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, TEXT, "method not allowed: use GET\n", false);
        return;
      }
      switch (path) {
        case "/healthz" -> send(exchange, 200, TEXT, "ok\n", head);
        case "/readyz" -> {
          if (state.get().ready()) {
            send(exchange, 200, TEXT, "ready\n", head);
          } else {
            send(exchange, 503, TEXT, "not ready: waiting for the first reconcile\n", head);
          }
        }
        default -> {
          if (!authorized(exchange)) {
            exchange
                .getResponseHeaders()
                .add("WWW-Authenticate", "Basic realm=\"dnsfailover\", charset=\"UTF-8\"");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"dnsfailover\"");
            send(exchange, 401, TEXT, "unauthorized: send Authorization: Bearer <token>\n", head);
            return;
          }
          route(exchange, path, head);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      log.debug("status request failed: {}", e.toString()); // the client went away
    } catch (RuntimeException e) {
      log.warn("status request failed: {}", e.toString(), e);
    }
  }

  private void route(HttpExchange exchange, String path, boolean head) throws IOException {
    switch (path) {
      case "/", "/index.html" -> {
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        send(exchange, 200, "text/html; charset=utf-8", page, head);
      }
      case "/status" -> {
        String json = StatusJson.render(state.get(), activity, clock.instant()).toString();
        send(exchange, 200, "application/json", json, head);
      }
      case "/metrics" ->
          send(exchange, 200, PrometheusMetrics.CONTENT_TYPE, metrics.scrape(), head);
      default -> send(exchange, 404, TEXT, "not found: try /, /status or /metrics\n", head);
    }
  }

  private boolean authorized(HttpExchange exchange) {
    if (token.isEmpty()) {
      return true;
    }
    return token
        .get()
        .matches(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
  }

  private static final String TEXT = "text/plain; charset=utf-8";

  /** The page may run its own inline script and style and fetch this origin; nothing else. */
  private static final String PAGE_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
          + " connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static void send(
      HttpExchange exchange, int status, String contentType, String body, boolean head)
      throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), head);
  }

  private static void send(
      HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
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
