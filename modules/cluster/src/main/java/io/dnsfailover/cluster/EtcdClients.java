package io.dnsfailover.cluster;

import io.dnsfailover.core.config.ClusterConfig.EtcdConnection;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * Builds a jetcd client from the {@code cluster.etcd} settings, the way the {@code coredns}
 * provider builds its own (that code stays in the provider: providers depend on spi alone).
 */
final class EtcdClients {

  private EtcdClients() {}

  static Client build(EtcdConnection connection) {
    ClientBuilder builder =
        Client.builder()
            .endpoints(connection.endpoints().toArray(URI[]::new))
            .connectTimeout(connection.dialTimeout())
            .retryMaxDuration(connection.requestTimeout())
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
        throw new IllegalArgumentException(
            "cluster.etcd: cannot set up TLS for etcd: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
