/**
 * The {@code route53} provider: records in an Amazon Route 53 hosted zone, through the AWS SDK for
 * Java v2.
 *
 * <p>The SDK sits behind {@link io.dnsfailover.provider.route53.Route53Api} (four calls: list
 * hosted zones by name, list a page of record sets, change a batch, get a change), so {@link
 * io.dnsfailover.provider.route53.Route53Provider}'s logic is tested against an in-memory twin and
 * {@link io.dnsfailover.provider.route53.SdkRoute53Api} against WireMock in Route 53's REST/XML
 * format.
 *
 * <p>Decisions the engine and users can rely on:
 *
 * <ul>
 *   <li>Config keys and defaults: {@link io.dnsfailover.provider.route53.Route53ProviderFactory}.
 *   <li>Native weights: a weighted record is one weighted record set per endpoint (SetIdentifier =
 *       endpoint id); an unhealthy endpoint's set is deleted, never set to weight 0. Failover and
 *       multi-value records are one simple record set with the chosen addresses.
 *   <li>One read ({@code ListResourceRecordSets}, every page) per {@code records} call, one write
 *       ({@code ChangeResourceRecordSets}) per {@code apply}, split only past Route 53's limits;
 *       zone lookups by name happen once per provider.
 *   <li>Updates are DELETE (exactly as listed) + CREATE in one atomic batch: a concurrent change
 *       makes the batch fail as CONFLICT, and the engine re-reads and re-plans.
 *   <li>Rate limit: {@code maxRequestsPerSecond} (5) per account, process-wide; retries of
 *       Throttling, PriorRequestNotComplete, 5xx and lost connections: {@code maxRetries} (5) with
 *       growing, jittered backoff (0.5 s doubling, at most 10 s), then TRANSIENT.
 *   <li>{@code capabilities()}: native weights, minimum TTL 0, no batch limit in changes (the
 *       provider splits by Route 53's record and character limits itself).
 * </ul>
 */
package io.dnsfailover.provider.route53;
