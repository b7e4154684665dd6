/**
 * etcd connection settings ({@link io.dnsfailover.etcd.EtcdConnection}) and the one reader of their
 * keys ({@link io.dnsfailover.etcd.EtcdConnectionReader}), shared by the {@code coredns} provider
 * and {@code cluster.etcd}.
 *
 * <p>This package uses the JDK and spi only, so the config loader in core reads {@code
 * cluster.etcd} with it without jetcd on its classpath. The jetcd client built from the settings
 * lives in {@link io.dnsfailover.etcd.client}; jetcd is an optional dependency of this module, so
 * only the modules that build clients, and declare jetcd themselves, get it.
 */
package io.dnsfailover.etcd;
