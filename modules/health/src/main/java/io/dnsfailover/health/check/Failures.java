package io.dnsfailover.health.check;

import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a probe's exception into the short detail a person reads. Libraries wrap the interesting
 * exception (TLS: a handshake failure caused by a certificate problem), so this looks at the whole
 * cause chain, most specific kind first.
 */
final class Failures {

  private static final int MAX_DETAIL = 120;

  private Failures() {}

  static String describe(Throwable error, String timedOutDetail) {
    List<Throwable> chain = causeChain(error);
    for (Throwable t : chain) {
      if (t instanceof BindException) {
        return shorten(message(t));
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return shorten("TLS: " + tlsReason(chain, (SSLException) t));
      }
    }
    for (Throwable t : chain) {
      if (message(t).toLowerCase(Locale.ROOT).contains("connection refused")) {
        return "connection refused";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof InterruptedIOException || isTimeoutMessage(t)) {
        return timedOutDetail;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof UnknownHostException) {
        return shorten("unknown host " + message(t));
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof ConnectException) {
        return shorten("connect failed: " + message(chain.getLast()));
      }
    }
    Throwable root = chain.getLast();
    String message = message(root);
    return shorten(message.isEmpty() ? root.getClass().getSimpleName() : message);
  }

  private static String tlsReason(List<Throwable> chain, SSLException tls) {
    if (tls instanceof SSLPeerUnverifiedException
        || chain.stream().anyMatch(Failures::isNameMismatch)) {
      return "certificate does not match the host name";
    }
    for (Throwable t : chain) {
      if (t instanceof CertPathValidatorException
          || t instanceof CertificateException
          || message(t).contains("PKIX path")) {
        return "certificate not trusted";
      }
    }
    return message(tls);
  }

  /**
   * The JDK's host name check (endpoint identification "HTTPS") fails with a plain
   * CertificateException; only its message tells it from an untrusted chain.
   */
  private static boolean isNameMismatch(Throwable t) {
    String message = message(t);
    return t instanceof CertificateException
        && (message.startsWith("No subject alternative") || message.startsWith("No name matching"));
  }

  private static boolean isTimeoutMessage(Throwable t) {
    return message(t).toLowerCase(Locale.ROOT).contains("timed out");
  }

  private static List<Throwable> causeChain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String shorten(String detail) {
    return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...";
  }
}
