package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Rcode;

/**
 * Turns what a server answered into a {@link ProviderException} whose kind tells the engine what to
 * do and whose message names the cause the way a DNS operator knows it: the response code, the
 * server, the zone, the key, and the statement to fix ({@code allow-update}, {@code
 * allow-transfer}, the {@code key} statement). Never the secret.
 */
final class Failures {

  /** What the provider asked the server to do. */
  enum Request {
    TRANSFER("zone transfer (AXFR)", "transfer", "allow-transfer"),
    UPDATE("update", "update", "allow-update");

    final String noun;
    final String knotAction;
    final String bindStatement;

    Request(String noun, String knotAction, String bindStatement) {
      this.noun = noun;
      this.knotAction = knotAction;
      this.bindStatement = bindStatement;
    }
  }

  private final String server;
  private final Optional<TsigCredentials> tsig;
  private final Duration timeout;

  Failures(String server, Optional<TsigCredentials> tsig, Duration timeout) {
    this.server = server;
    this.tsig = tsig;
    this.timeout = timeout;
  }

  /** The network failed: TRANSIENT, so it is tried again. */
  ProviderException network(Request request, DnsName zone, IOException e) {
    if (isTimeout(e)) {
      return new ProviderException(
          Kind.TRANSIENT,
          "no answer from "
              + server
              + " within "
              + Durations.format(timeout)
              + " to the "
              + request.noun
              + " of zone "
              + zone
              + ": check that the server runs and that this machine reaches it over TCP",
          e);
    }
    String cause =
        e instanceof UnknownHostException
            ? "cannot resolve its host name"
            : String.valueOf(e.getMessage());
    return new ProviderException(
        Kind.TRANSIENT,
        "cannot reach " + server + " for the " + request.noun + " of zone " + zone + ": " + cause,
        e);
  }

  /** The server refused the request's TSIG signature ({@code tsigError}, from its TSIG record). */
  ProviderException tsig(Request request, DnsName zone, int tsigError) {
    String key = keyName();
    String where = " on the " + request.noun + " of zone " + zone;
    String message =
        switch (tsigError) {
          case Rcode.BADSIG ->
              server
                  + " rejected the signature of TSIG key "
                  + key
                  + " (BADSIG)"
                  + where
                  + ": the secret differs from the server's; set tsig.secret to the secret of"
                  + " the server's key \""
                  + keyBareName()
                  + "\" statement";
          case Rcode.BADKEY ->
              server
                  + " does not accept TSIG key "
                  + key
                  + " with algorithm "
                  + tsig.map(TsigCredentials::algorithm).orElse("(none)")
                  + " (BADKEY)"
                  + where
                  + ": the server has no key of that name and algorithm, so check tsig.name and"
                  + " tsig.algorithm against its key statement (Knot also answers BADKEY when no"
                  + " acl of the zone gives this key action: "
                  + request.knotAction
                  + ")";
          case Rcode.BADTIME ->
              server
                  + " rejected the time in the signature of TSIG key "
                  + key
                  + " (BADTIME)"
                  + where
                  + ": the clocks of this machine and of the server differ by more than the"
                  + " allowed 5 minutes; synchronise both (NTP)";
          default ->
              server
                  + " rejected TSIG key "
                  + key
                  + " with TSIG error "
                  + Rcode.TSIGstring(tsigError)
                  + where;
        };
    return new ProviderException(Kind.AUTH, message);
  }

  /** A NOERROR answer whose signature did not check out with the configured key. */
  ProviderException unverified(Request request, DnsName zone) {
    return new ProviderException(
        Kind.AUTH,
        "the answer of "
            + server
            + " to the "
            + request.noun
            + " of zone "
            + zone
            + " is not signed with TSIG key "
            + keyName()
            + ": another server may answer on that address"
            + (request == Request.UPDATE ? "; the update may have been applied" : ""));
  }

  /** The server does not serve {@code zone}: it did not answer its SOA with authority. */
  ProviderException notServed(DnsName zone, int soaRcode) {
    return new ProviderException(
        Kind.NOT_FOUND,
        server
            + " does not serve zone "
            + zone
            + " (it answered "
            + Rcode.string(soaRcode)
            + ", without authority, to the zone's SOA query): check server and the zone's name,"
            + " and that the server has the zone as a primary");
  }

  /** A response code other than NOERROR, without a TSIG error. */
  ProviderException rcode(Request request, DnsName zone, int rcode) {
    String answered =
        server
            + " answered "
            + Rcode.string(rcode)
            + " to the "
            + request.noun
            + " of zone "
            + zone;
    return switch (rcode) {
      case Rcode.SERVFAIL ->
          new ProviderException(
              Kind.TRANSIENT, answered + ": the server failed (its log says why); nothing changed");
      case Rcode.REFUSED, Rcode.NOTAUTH ->
          new ProviderException(Kind.AUTH, answered + denied(request));
      case Rcode.NXRRSET, Rcode.YXRRSET, Rcode.YXDOMAIN ->
          new ProviderException(
              Kind.CONFLICT,
              "a concurrent change happened: "
                  + answered
                  + " because a record set no longer holds what was read, so the server applied"
                  + " nothing; the zone will be read and planned again");
      case Rcode.NOTZONE, Rcode.NXDOMAIN ->
          new ProviderException(
              Kind.NOT_FOUND, answered + ": the zone, or a name in it, does not exist there");
      case Rcode.FORMERR ->
          new ProviderException(
              Kind.INVALID,
              answered + ": the server could not parse the request; its log says which part");
      case Rcode.NOTIMP ->
          new ProviderException(
              Kind.INVALID, answered + ": the server does not implement " + request.noun + "s");
      default -> new ProviderException(Kind.INVALID, answered);
    };
  }

  /** The zone transfer broke off in a way that is not a response code. */
  ProviderException brokenTransfer(DnsName zone, String detail) {
    if (detail.startsWith("TSIG failure")) {
      return new ProviderException(
          Kind.AUTH,
          "the zone transfer of "
              + zone
              + " from "
              + server
              + " is not signed with TSIG key "
              + keyName()
              + " ("
              + detail
              + ")");
    }
    return new ProviderException(
        Kind.INVALID,
        server + " sent a zone transfer of " + zone + " that cannot be read: " + detail);
  }

  private String denied(Request request) {
    if (tsig.isEmpty()) {
      return ": the zone's "
          + request.bindStatement
          + " does not allow unsigned requests from this address; configure tsig and grant its"
          + " key: "
          + request.bindStatement
          + " { key \"<name>\"; };"
          + (request == Request.UPDATE ? " (or update-policy)" : "")
          + ", or on Knot an acl with action: "
          + request.knotAction;
    }
    String bare = keyBareName();
    String grant =
        request == Request.UPDATE
            ? "allow-update { key \""
                + bare
                + "\"; }; or update-policy { grant "
                + bare
                + " zonesub ANY; };"
            : "allow-transfer { key \"" + bare + "\"; };";
    return ": the zone's "
        + request.bindStatement
        + (request == Request.UPDATE ? " (or update-policy)" : "")
        + " does not grant TSIG key "
        + keyName()
        + "; add "
        + grant
        + " to the zone statement, or on Knot an acl with key: "
        + bare
        + " and action: "
        + request.knotAction;
  }

  private String keyName() {
    return tsig.map(key -> "'" + key.name() + "'").orElse("(none configured)");
  }

  private String keyBareName() {
    return tsig.map(TsigCredentials::name).orElse("<name>");
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("timed out")) {
        return true;
      }
    }
    return false;
  }
}
