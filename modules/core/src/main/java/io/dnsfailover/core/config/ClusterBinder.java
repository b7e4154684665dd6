package io.dnsfailover.core.config;

import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.etcd.EtcdConnectionReader;
import io.dnsfailover.spi.SettingsCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds the optional {@code cluster:} block. Its {@code etcd:} keys are the {@code coredns}
 * provider's connection keys, read by the same {@link EtcdConnectionReader} (same defaults, same
 * checks); {@link SettingsBlock} locates each problem it reports, {@code FILE:LINE:COL:
 * cluster.etcd.<key>}.
 */
final class ClusterBinder {

  static final List<String> KEYS = List.of("etcd", "member", "quorum", "leaseTtl");

  // The member name is part of etcd keys and of log lines.
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
  private static final Duration MIN_LEASE_TTL = Duration.ofSeconds(1);
  private static final Duration MAX_LEASE_TTL = Duration.ofMinutes(10);

  private final ValueReader values;

  ClusterBinder(ValueReader values) {
    this.values = values;
  }

  /**
   * {@code Optional.empty()} when there is no cluster block; {@code Optional.of(empty)} when there
   * is one with a problem (already reported).
   */
  Optional<Optional<ClusterConfig>> bind(Fields top) {
    Optional<Node> node = top.get("cluster");
    if (node.isEmpty() || node.get() instanceof Node.Scalar scalar && scalar.isNull()) {
      return Optional.empty();
    }
    Optional<Fields> maybeFields =
        Fields.of(
            node.get(), "cluster", values, "a mapping with etcd, member, quorum and leaseTtl");
    if (maybeFields.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    Fields fields = maybeFields.get();
    int before = values.problems().count();
    fields.allowOnly(KEYS, "cluster");
    Optional<EtcdConnection> etcd =
        fields
            .required("etcd", "write etcd: { endpoints: [http://127.0.0.1:2379] }")
            .flatMap(this::etcd);
    String member = member(fields).orElse(ClusterConfig.hostName());
    Quorum quorum = quorum(fields).orElse(new Quorum.Majority());
    Duration leaseTtl = leaseTtl(fields).orElse(ClusterConfig.DEFAULT_LEASE_TTL);
    if (etcd.isEmpty() || values.problems().count() > before) {
      return Optional.of(Optional.empty());
    }
    return Optional.of(Optional.of(new ClusterConfig(etcd.get(), member, quorum, leaseTtl)));
  }

  /**
   * The connection, or empty after reporting every problem: unknown keys and bad values alike (an
   * unknown key is most often a misspelt one, and its neighbours' mistakes are worth knowing too).
   */
  private Optional<EtcdConnection> etcd(Node node) {
    Optional<Fields> maybeFields =
        Fields.of(node, "cluster.etcd", values, "a mapping with endpoints and credentials");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    int before = values.problems().count();
    fields.allowOnly(EtcdConnectionReader.KEYS, "cluster.etcd");
    SettingsBlock block = SettingsBlock.read(fields, EtcdConnectionReader.KEYS::contains);
    SettingsCheck check = new SettingsCheck();
    Optional<EtcdConnection> connection = EtcdConnectionReader.read(block.settings(), check);
    block.report(check.problems());
    if (values.problems().count() > before) {
      return Optional.empty();
    }
    return connection;
  }

  private Optional<String> member(Fields fields) {
    String expected = "a member name of 1 to 63 letters, digits, '-', '_' and '.', like eu-west-1";
    return fields
        .text("member", expected)
        .map(String::trim)
        .filter(
            name -> {
              if (MEMBER.matcher(name).matches()) {
                return true;
              }
              error(
                  fields,
                  "member",
                  ValueReader.quote(fields.get("member").orElseThrow()) + " is not " + expected);
              return false;
            });
  }

  private Optional<Quorum> quorum(Fields fields) {
    Optional<Node> node = fields.get("quorum");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String expected = "majority, or how many members must see an endpoint down, like 2";
    return values
        .text(node.get(), fields.path("quorum"), expected)
        .map(String::trim)
        .flatMap(
            text -> {
              if (text.equals("majority")) {
                return Optional.of(new Quorum.Majority());
              }
              if (text.matches("\\d{1,3}") && Integer.parseInt(text) >= 1) {
                return Optional.of(new Quorum.AtLeast(Integer.parseInt(text)));
              }
              error(fields, "quorum", ValueReader.quote(node.get()) + " is not " + expected);
              return Optional.empty();
            });
  }

  private Optional<Duration> leaseTtl(Fields fields) {
    return fields
        .duration("leaseTtl")
        .filter(
            ttl -> {
              if (ttl.compareTo(MIN_LEASE_TTL) >= 0 && ttl.compareTo(MAX_LEASE_TTL) <= 0) {
                if (ttl.toMillis() % 1000 == 0) {
                  return true;
                }
                error(
                    fields,
                    "leaseTtl",
                    "etcd leases last whole seconds: write a whole number of seconds, like 10s");
                return false;
              }
              error(fields, "leaseTtl", "must be from 1s to 10m, like 10s");
              return false;
            });
  }

  private void error(Fields fields, String key, String message) {
    values.problems().error(fields.get(key).orElseThrow(), fields.path(key), message);
  }
}
