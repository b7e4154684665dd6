package io.dnsfailover.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Core reads {@code cluster.etcd} with the etcd module's settings reader, whose jetcd dependency is
 * optional: jetcd (and the gRPC and netty it brings) must never reach core's classpath, nor,
 * through core, every module and tool built on it (docs/architecture.md).
 */
class EtcdClientOutsideCoreTest {

  @Test
  void jetcdIsNotOnCoresClasspath() {
    assertThatThrownBy(() -> Class.forName("io.etcd.jetcd.Client"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
