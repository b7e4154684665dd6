package io.dnsfailover.provider.coredns;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A plain etcd client for tests: what another tool, a person with etcdctl, or CoreDNS does. */
final class EtcdTestClient implements AutoCloseable {

  private final Client client;

  EtcdTestClient(String endpoint) {
    this.client = Client.builder().endpoints(endpoint).build();
  }

  void put(String key, String value) throws Exception {
    client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
  }

  void delete(String key) throws Exception {
    client.getKVClient().delete(bytes(key)).get(10, TimeUnit.SECONDS);
  }

  /** Deletes every key. */
  void deleteAll() throws Exception {
    client
        .getKVClient()
        .delete(bytes("\0"), DeleteOption.builder().withRange(bytes("\0")).build())
        .get(10, TimeUnit.SECONDS);
  }

  /** Every key under {@code prefix}, sorted, with its value. */
  Map<String, String> dump(String prefix) throws Exception {
    Map<String, String> result = new LinkedHashMap<>();
    for (KeyValue kv : get(prefix, true)) {
      result.put(
          kv.getKey().toString(StandardCharsets.UTF_8),
          kv.getValue().toString(StandardCharsets.UTF_8));
    }
    return result;
  }

  /** A get as CoreDNS's etcd plugin makes it: one key, or every key with a prefix. */
  List<KeyValue> get(String key, boolean prefix) throws Exception {
    GetOption option = prefix ? GetOption.builder().isPrefix(true).build() : GetOption.DEFAULT;
    return client.getKVClient().get(bytes(key), option).get(10, TimeUnit.SECONDS).getKvs();
  }

  Client client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
