/**
 * The {@code rfc2136} provider: records on a primary DNS server that takes RFC 2136 dynamic updates
 * signed with TSIG (RFC 8945): BIND 9, Knot DNS, PowerDNS.
 *
 * <p>Config ({@code type: rfc2136}):
 *
 * <ul>
 *   <li>{@code server} (required): the primary, {@code host} or {@code host:port} (default port
 *       53), an IPv6 address in brackets ({@code [2001:db8::53]:5353}).
 *   <li>{@code tsig}: {@code name} (required), {@code algorithm} ({@code hmac-sha256} by default;
 *       {@code hmac-sha1}, {@code hmac-sha224}, {@code hmac-sha384}, {@code hmac-sha512}), {@code
 *       secret} (required, base64; write {@code ${TSIG_SECRET}}: it never appears in any output).
 *       Without {@code tsig} requests go unsigned, for servers that allow updates by address.
 *   <li>{@code timeout}: how long one request may take, default {@code 5s}.
 * </ul>
 *
 * <p>Reading: one zone transfer (AXFR over TCP, signed), filtered to the record sets asked for. TXT
 * values are the raw text of their character-strings joined, whatever the splitting.
 *
 * <p>Writing: each {@code apply} reads the zone once more, fails with CONFLICT (sending nothing)
 * when a record set no longer holds what the plan was made from, TTL included, then sends every
 * change, ownership markers included, in ONE UPDATE message. Its prerequisites say that each record
 * set to replace or delete still holds exactly the records just read ("RRset exists, value
 * dependent") and that each one to create does not exist; if someone changes the zone in between,
 * the server applies nothing and answers NXRRSET or YXRRSET, which is a CONFLICT too (the engine
 * then reads and plans again once). RFC 2136 prerequisites compare RDATA only, never TTLs: a change
 * of only a TTL in the moment between that read and the UPDATE goes unnoticed.
 *
 * <p>No native weights: a weighted record set is published as a plain multi-value answer. No batch
 * limit, except that one UPDATE must fit one DNS message (64 KiB, several hundred record sets).
 *
 * <p>Errors: no answer in time, a refused connection and SERVFAIL are TRANSIENT and tried again
 * (three attempts, 250 ms then 500 ms apart); REFUSED and NOTAUTH are AUTH, naming the {@code
 * allow-update} / {@code update-policy} or {@code allow-transfer} grant that is missing for the
 * key; TSIG errors BADSIG, BADKEY, BADTIME are AUTH, saying the secret, the name or algorithm, or
 * the clocks are wrong; a zone the server does not serve, NOTZONE and NXDOMAIN are NOT_FOUND;
 * FORMERR is INVALID. None but the TRANSIENT ones are tried again.
 *
 * <p>A zone is either updated through RFC 2136 or managed as a file by the {@code zonefile}
 * provider with a reload command, never both: BIND refuses {@code rndc reload} of a dynamic zone.
 */
package io.dnsfailover.provider.rfc2136;
