/**
 * The {@code clouddns} provider: records in a Google Cloud DNS managed zone.
 *
 * <p>What the engine and users can rely on:
 *
 * <ul>
 *   <li>Config: {@code type: clouddns}, {@code project} (required), {@code managedZone} (optional;
 *       otherwise the managed zone whose DNS name is the config zone's, which must be exactly one),
 *       {@code endpoint} (API root URL, default {@code https://dns.googleapis.com/}), {@code
 *       changeTimeout} (default 2m). Credentials: Application Default Credentials (a
 *       service-account key file in {@code GOOGLE_APPLICATION_CREDENTIALS}, workload identity, the
 *       metadata server), scope {@code ndev.clouddns.readwrite}, resolved on the first call.
 *   <li>Everything goes through the generated v1 client ({@code com.google.api.services.dns}):
 *       {@code google-cloud-dns}'s {@code RecordSet} cannot express routing policies and lists a
 *       routing-policy rrset with no data at all.
 *   <li>One Cloud DNS change per {@code apply}, atomic, split only past 1,000 additions or
 *       deletions (or 100,000 bytes of rrdata); each is polled until {@code done} for at most
 *       {@code changeTimeout}, after which it is left to finish (it is already accepted) with a
 *       warning.
 *   <li>Deletions are sent exactly as listed. 412/409/404 on a change: re-read, retry while the
 *       records are still as expected, otherwise CONFLICT (the engine re-plans). 5xx or no answer:
 *       re-read first (changes are not idempotent), count what is in effect, retry the rest. 429
 *       and 403 rate limits: backoff, honouring Retry-After. All bounded (4 attempts each).
 *   <li>Weighted record sets use Cloud DNS's native WRR routing policy: one rrset per name and
 *       type, one item per endpoint ({@code weight}, one rrdata). Items have no ids, so each member
 *       reads back with its value as its id and the provider says it cannot keep member ids ({@code
 *       Capabilities.keepsMemberIds} false): the planner compares weighted sets by value and
 *       weight. Markers are plain TXT records here; ones an older version wrote with {@code
 *       ,wrr.a=id@value;...} pairs still name their owner and are read as they are.
 *   <li>Other routing policies (geo, primaryBackup, health-checked or fractional WRR items) are
 *       surfaced as they are, as weighted record sets whose member ids name the policy part (such
 *       as {@code geo:europe-west1}); they never equal a desired record set, so an unowned one is a
 *       conflict and an owned one is replaced only when the engine says so.
 *   <li>TXT values are raw text; Cloud DNS holds them quoted, escaped and split into strings of at
 *       most 255 bytes.
 * </ul>
 */
package io.dnsfailover.provider.clouddns;
