package io.dnsfailover.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP backend on a loopback address answering {@code /healthz} with 200 "ok". */
final class Backend implements AutoCloseable {

  private final HttpServer server;
  private boolean closed;

  Backend(String address) throws IOException {
    this(address, 0);
  }

  /** On {@code port} (0: any free one); a backend that came back uses the port it had. */
  Backend(String address, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext(
        "/healthz",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String url() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort()
        + "/healthz";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Stops answering: connections are refused from now on. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
    }
  }
}
