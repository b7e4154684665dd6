package io.dnsfailover.cluster;

/**
 * An etcd call that failed or got no answer within {@code requestTimeout}: etcd unreachable,
 * without quorum, or refusing. The message names no credentials.
 */
final class EtcdUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  EtcdUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
