package io.dnsfailover.provider.route53;

import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/**
 * The four Route 53 calls the provider makes, each one HTTP request. Production goes through {@link
 * SdkRoute53Api}; the provider's logic is tested against an in-memory twin that answers and fails
 * the way Route 53 does.
 *
 * <p>Contract: every method sends exactly one request and never retries ({@link Route53Provider}
 * retries and rate-limits). Failures are thrown as the SDK throws them: {@code
 * software.amazon.awssdk.services.route53.model.Route53Exception} subclasses for service errors
 * (with their HTTP status and error code), {@code SdkClientException} for everything that never got
 * an answer (connection refused, timeouts, credentials that cannot be loaded). Zone and change ids
 * may come back with or without their {@code /hostedzone/} and {@code /change/} prefixes.
 * Implementations are thread-safe.
 */
interface Route53Api extends AutoCloseable {

  ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest request);

  ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest request);

  ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest request);

  GetChangeResponse getChange(GetChangeRequest request);

  @Override
  void close();
}
