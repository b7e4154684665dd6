/**
 * The {@code coredns} provider: records in etcd v3 in the SkyDNS layout that CoreDNS's {@code etcd}
 * plugin serves, compatible with what ExternalDNS's CoreDNS provider writes.
 *
 * <p>Config ({@code type: coredns}); the connection keys ({@code endpoints} to {@code
 * requestTimeout}) are {@code cluster.etcd}'s too, read by {@link
 * io.dnsfailover.etcd.EtcdConnectionReader}:
 *
 * <ul>
 *   <li>{@code endpoints} (required): etcd client URLs, a list or comma-separated.
 *   <li>{@code prefix}: the path CoreDNS's {@code etcd} plugin serves ({@code path} in the
 *       Corefile), default {@code /skydns}.
 *   <li>{@code ownerPrefix}: where ownership markers and key ledgers live, default {@code
 *       /dnsfailover}; must lie outside {@code prefix}.
 *   <li>{@code username}, {@code password} (write {@code ${ETCD_PASSWORD}}; never logged): both or
 *       neither.
 *   <li>{@code caFile}, {@code certFile}, {@code keyFile}: TLS (PEM), files this process can read;
 *       {@code certFile} and {@code keyFile} together. {@code https://} endpoints use TLS with the
 *       system trust store unless {@code caFile} is set.
 *   <li>{@code dialTimeout} and {@code requestTimeout}: defaults and reasons in {@link
 *       io.dnsfailover.etcd.EtcdConnection} (5s each); {@code maxTxnOps} (default 128, etcd's
 *       {@code --max-txn-ops}).
 * </ul>
 *
 * <p>Layout ({@link io.dnsfailover.provider.coredns.SkyDnsLayout}): A/AAAA/TXT values one key each
 * at {@code <prefix>/<reversed name>/<8 hex>} with {@code {"host"|"text", "ttl", "targetstrip":1}};
 * a CNAME at {@code <prefix>/<reversed name>} with {@code {"host","ttl"}}; apex records under
 * {@code dns/apex}. Markers at {@code <ownerPrefix>/owners/<reversed name>}, the ledger of keys
 * written at {@code <ownerPrefix>/keys/<reversed name>}: CoreDNS never serves either.
 *
 * <p>Errors: etcd unreachable or timing out is TRANSIENT; a rejected user, password or permission
 * is AUTH; values CoreDNS cannot serve, keys of others in the way, or a transaction over {@code
 * maxTxnOps} are INVALID; a change that finds etcd different from what was read is CONFLICT.
 */
package io.dnsfailover.provider.coredns;
