/**
 * The {@code zonefile} provider: records kept in an RFC 1035 master file.
 *
 * <p>What the engine and users can rely on:
 *
 * <ul>
 *   <li>Config: {@code type: zonefile}, {@code path: <file>} (required; relative to the working
 *       directory).
 *   <li>A missing file reads as an empty zone; the first apply creates it (and its directory) with
 *       {@code $ORIGIN}, {@code $TTL 300}, an SOA ({@code ns1.<zone>}, {@code hostmaster.<zone>},
 *       serial {@code YYYYMMDDnn}, negative TTL 30) and NS {@code ns1.<zone>} with glue {@code A
 *       127.0.0.1}. See {@link io.dnsfailover.provider.zonefile.NewZoneFile}.
 *   <li>Writers lock {@code <file>.lock} beside the zone file (left in place on purpose). With
 *       CoreDNS {@code auto}, pick a file-name regex that does not match the lock file.
 *   <li>Lines the tool does not change stay byte for byte; its own records go into a commented
 *       block at the end, with absolute names and explicit TTLs. The SOA serial is bumped on every
 *       write.
 *   <li>TXT values are raw text; the file holds them quoted, escaped, and split into strings of at
 *       most 255 bytes. AAAA values read back in RFC 5952 form, CNAME targets in lower case.
 *   <li>No native weights: weighted record sets are published as plain multi-value answers.
 *   <li>{@code $GENERATE} records are read as records (foreign ones, unless adopted), reported with
 *       the other types at a name by {@code contents}; the line is never rewritten, and a change to
 *       one of its records is refused (INVALID, naming the line). {@code $INCLUDE} is refused.
 *   <li>Nothing is written that a server would refuse to load ({@code ZoneChecks}: one SOA at the
 *       apex, NS there, addresses for in-zone name servers, no CNAME beside other data, one
 *       CNAME/DNAME per name); the error names the records.
 * </ul>
 */
package io.dnsfailover.provider.zonefile;
