package io.dnsfailover.etcd.client;

import io.dnsfailover.etcd.EtcdConnection;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Builds the jetcd {@link Client} of an {@link EtcdConnection}: endpoints, dial timeout, user and
 * password, TLS (the CA file, or the system trust store; the client certificate and key). Building
 * makes no network call; the client connects on its first request.
 *
 * <p>The client does not wait for a connection to become ready ({@code waitForReady(false)}) and
 * retries a failed request for at most {@code requestTimeout}: a caller that waits {@code
 * requestTimeout} for an answer sees an unreachable etcd as a failure in that time, not a hang.
 */
public final class EtcdClients {

  /** jetcd's own first retry delay; a shorter {@code requestTimeout} gets a shorter one. */
  private static final long RETRY_DELAY_MILLIS = 500;

  private EtcdClients() {}

  /**
   * A new client; the caller closes it. Throws {@link IllegalArgumentException} when the TLS files
   * cannot be loaded (not PEM, key not matching); its message names no secret.
   */
  public static Client build(EtcdConnection connection) {
    // jetcd refuses every call (IllegalStateException) unless its retries may last longer than
    // their first delay: keep the delay below requestTimeout, which may be as short as 1ms.
    long timeout = connection.requestTimeout().toMillis();
    long retryDelay = Math.max(1, Math.min(RETRY_DELAY_MILLIS, timeout / 2));
    ClientBuilder builder =
        Client.builder()
            .endpoints(connection.endpoints().toArray(URI[]::new))
            .connectTimeout(connection.dialTimeout())
            .retryDelay(retryDelay)
            .retryMaxDuration(Duration.ofMillis(Math.max(timeout, retryDelay + 1)))
            .waitForReady(false);
    if (connection.username().isPresent()) {
      builder.user(bytes(connection.username().get()));
      builder.password(bytes(connection.password().orElse("")));
    }
    if (connection.usesTls()) {
      try {
        SslContextBuilder ssl = GrpcSslContexts.forClient();
        connection.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
        if (connection.certFile().isPresent() && connection.keyFile().isPresent()) {
          ssl.keyManager(connection.certFile().get().toFile(), connection.keyFile().get().toFile());
        }
        builder.sslContext(ssl.build());
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot set up TLS for etcd: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** {@code text} as etcd keys and values hold it: UTF-8. */
  public static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /** {@code bytes} as text: UTF-8. */
  public static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
