package io.dnsfailover.provider.coredns;

import static io.dnsfailover.etcd.client.EtcdClients.bytes;

import io.dnsfailover.etcd.client.EtcdClients;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EtcdKv} on jetcd. The client is built on first use (creating a provider makes no network
 * call) and every call waits at most {@code requestTimeout}.
 */
final class JetcdKv implements EtcdKv {

  private static final GetOption PREFIX = GetOption.builder().isPrefix(true).build();

  private final CoreDnsSettings settings;
  private Client client;
  private boolean closed;

  JetcdKv(CoreDnsSettings settings) {
    this.settings = settings;
  }

  /**
   * Reads are retried once on a fresh connection when the first attempt fails fast (an etcd that
   * restarted leaves the old gRPC channel broken or backing off); they change nothing.
   */
  @Override
  public List<List<Entry>> read(List<Range> ranges) throws ProviderException {
    if (ranges.isEmpty()) {
      return List.of();
    }
    Op[] gets =
        ranges.stream()
            .map(range -> Op.get(bytes(range.key()), range.prefix() ? PREFIX : GetOption.DEFAULT))
            .toArray(Op[]::new);
    TxnResponse response;
    try {
      response = await(kv().txn().Then(gets).commit(), "read");
    } catch (ProviderException e) {
      if (e.kind() != Kind.TRANSIENT || e.getCause() instanceof TimeoutException) {
        throw e;
      }
      response = await(kv().txn().Then(gets).commit(), "read");
    }
    List<List<Entry>> result = new ArrayList<>();
    for (GetResponse get : response.getGetResponses()) {
      result.add(
          get.getKvs().stream()
              .map(
                  kv ->
                      new Entry(
                          EtcdClients.text(kv.getKey()),
                          EtcdClients.text(kv.getValue()),
                          kv.getModRevision()))
              .toList());
    }
    return result;
  }

  @Override
  public Probe probe(String key) throws ProviderException {
    GetResponse response = await(kv().get(bytes(key)), "read");
    return new Probe(
        Long.toHexString(response.getHeader().getClusterId()),
        response.getKvs().isEmpty() ? 0 : response.getKvs().getFirst().getCreateRevision());
  }

  @Override
  public boolean commit(List<Guard> guards, List<Write> writes) throws ProviderException {
    Cmp[] compares =
        guards.stream()
            .map(
                guard ->
                    switch (guard) {
                      case Guard.Unchanged unchanged ->
                          new Cmp(
                              bytes(unchanged.key()),
                              Cmp.Op.EQUAL,
                              CmpTarget.modRevision(unchanged.modRevision()));
                      case Guard.Absent absent ->
                          new Cmp(bytes(absent.key()), Cmp.Op.EQUAL, CmpTarget.version(0));
                      case Guard.Created created ->
                          new Cmp(
                              bytes(created.key()),
                              Cmp.Op.EQUAL,
                              CmpTarget.createRevision(created.createRevision()));
                    })
            .toArray(Cmp[]::new);
    Op[] ops =
        writes.stream()
            .map(
                write ->
                    switch (write) {
                      case Write.Put put ->
                          Op.put(bytes(put.key()), bytes(put.value()), PutOption.DEFAULT);
                      case Write.Delete delete ->
                          Op.delete(bytes(delete.key()), DeleteOption.DEFAULT);
                    })
            .toArray(Op[]::new);
    return await(kv().txn().If(compares).Then(ops).commit(), "write").isSucceeded();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private synchronized KV kv() throws ProviderException {
    if (closed) {
      throw new IllegalStateException("the coredns provider is closed");
    }
    if (client == null) {
      client = build();
    }
    return client.getKVClient();
  }

  private Client build() throws ProviderException {
    try {
      return EtcdClients.build(settings.etcd());
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.INVALID, "coredns: " + e.getMessage(), e);
    }
  }

  /**
   * Waits for {@code call}. After a TRANSIENT failure the client is dropped, so the next call
   * connects afresh instead of waiting out gRPC's reconnect backoff.
   */
  private <T> T await(CompletableFuture<T> call, String what) throws ProviderException {
    try {
      return awaitOnce(call, what);
    } catch (ProviderException e) {
      if (e.kind() == Kind.TRANSIENT) {
        reset();
      }
      throw e;
    }
  }

  private synchronized void reset() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private <T> T awaitOnce(CompletableFuture<T> call, String what) throws ProviderException {
    long timeout = settings.etcd().requestTimeout().toMillis();
    try {
      return call.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new ProviderException(
          Kind.TRANSIENT,
          "coredns: etcd at "
              + settings.etcd().endpointList()
              + " did not answer the "
              + what
              + " within "
              + settings.etcd().requestTimeout().toMillis()
              + "ms (is it running and reachable?)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new ProviderException(Kind.TRANSIENT, "coredns: interrupted during the " + what, e);
    } catch (ExecutionException e) {
      throw failure(what, e.getCause() == null ? e : e.getCause());
    } catch (EtcdException e) {
      throw failure(what, e);
    }
  }

  /** Maps an etcd failure to a kind; the message names the endpoints, never the credentials. */
  ProviderException failure(String what, Throwable cause) {
    String detail = String.valueOf(cause.getMessage());
    String lower = detail.toLowerCase(Locale.ROOT);
    String code =
        cause instanceof EtcdException etcd
            ? etcd.getErrorCode().name()
            : Status.fromThrowable(cause).getCode().name();
    Kind kind =
        switch (code) {
          case "UNAUTHENTICATED", "PERMISSION_DENIED" -> Kind.AUTH;
          case "INVALID_ARGUMENT", "OUT_OF_RANGE", "FAILED_PRECONDITION", "UNIMPLEMENTED" ->
              Kind.INVALID;
          case "NOT_FOUND" -> Kind.NOT_FOUND;
          default -> Kind.TRANSIENT;
        };
    // etcd reports a wrong user or password as INVALID_ARGUMENT ("authentication failed").
    if (lower.contains("authentication failed")
        || lower.contains("permission denied")
        || lower.contains("invalid auth token")
        || lower.contains("user name is empty")
        || lower.contains("user name not found")) {
      kind = Kind.AUTH;
    }
    return new ProviderException(
        kind,
        "coredns: etcd "
            + what
            + " at "
            + settings.etcd().endpointList()
            + " failed: "
            + detail
            + (kind == Kind.AUTH ? " (check username and password)" : ""),
        cause);
  }
}
