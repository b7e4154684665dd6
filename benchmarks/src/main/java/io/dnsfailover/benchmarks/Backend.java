package io.dnsfailover.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A backend the failover benchmark controls: answers {@code GET /healthz} with 200, can be stopped
 * (connections refused) or made to hang (connections accepted, no answer for up to 5 s).
 */
final class Backend implements AutoCloseable {

  private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_HANG_MILLIS = 5_000;

  private final HttpServer server;
  private volatile CountDownLatch hang = new CountDownLatch(0);

  private Backend(HttpServer server) {
    this.server = server;
  }

  /** Binds {@code address:port} (0: any free port), retrying a taken port for up to 5 s. */
  static Backend start(String address, int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
        Backend backend = new Backend(server);
        server.createContext("/healthz", backend::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return backend;
      } catch (BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** From now on requests get no answer until {@link #unhang()} (or 5 s pass). */
  void hang() {
    hang = new CountDownLatch(1);
  }

  void unhang() {
    hang.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        if (!hang.await(MAX_HANG_MILLIS, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      exchange.sendResponseHeaders(200, OK.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(OK);
      }
    }
  }

  /** Closes the listening socket at once: from here on connections are refused. */
  @Override
  public void close() {
    unhang();
    server.stop(0);
  }
}
