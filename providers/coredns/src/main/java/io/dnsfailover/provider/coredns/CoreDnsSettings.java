package io.dnsfailover.provider.coredns;

import io.dnsfailover.etcd.EtcdConnection;
import java.util.Objects;

/**
 * The {@code coredns} provider's settings, validated. {@link #toString()} never shows the password
 * ({@link EtcdConnection#toString()} masks it).
 *
 * @param etcd how to reach etcd: the connection keys and their defaults, shared with {@code
 *     cluster.etcd} ({@link EtcdConnection})
 * @param prefix the SkyDNS path CoreDNS serves, normalised to {@code /name} (no trailing slash)
 * @param ownerPrefix where ownership markers and the key ledger live; outside {@code prefix}
 * @param maxTxnOps the most operations one etcd transaction may hold (etcd's {@code --max-txn-ops})
 */
record CoreDnsSettings(EtcdConnection etcd, String prefix, String ownerPrefix, int maxTxnOps) {

  static final String DEFAULT_PREFIX = "/skydns";
  static final String DEFAULT_OWNER_PREFIX = "/dnsfailover";
  static final int DEFAULT_MAX_TXN_OPS = 128;

  CoreDnsSettings {
    Objects.requireNonNull(etcd, "etcd");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(ownerPrefix, "ownerPrefix");
  }
}
