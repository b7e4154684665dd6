package io.dnsfailover.testkit.etcd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EtcdCluster} for all the tests of a class: started before the class's own
 * {@code @BeforeAll} methods (which may use it), closed after its {@code @AfterAll} methods; the
 * class is skipped when etcd is not installed.
 *
 * <pre>{@code
 * @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
 * ...
 * ETCD.cluster().endpoint()
 * }</pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {

  private final int members;
  private volatile EtcdCluster cluster;

  /**
   * @param members how many etcd members the cluster has
   */
  public EtcdExtension(int members) {
    this.members = members;
  }

  /** The running cluster. */
  public EtcdCluster cluster() {
    EtcdCluster running = cluster;
    if (running == null) {
      throw new IllegalStateException("etcd runs only while the test class runs");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = EtcdCluster.startOrSkip(members);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    EtcdCluster running = cluster;
    cluster = null;
    if (running != null) {
      running.close();
    }
  }
}
