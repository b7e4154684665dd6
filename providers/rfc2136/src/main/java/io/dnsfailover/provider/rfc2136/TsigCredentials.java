package io.dnsfailover.provider.rfc2136;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The TSIG key every message is signed with: its name and algorithm, as the server's {@code key}
 * statement spells them, and the decoded secret. The secret never leaves this class except into
 * dnsjava's signer; {@link #toString()} leaves it out.
 */
final class TsigCredentials {

  /** The algorithms BIND 9, Knot and PowerDNS all accept, the config's spelling. */
  static final List<String> ALGORITHMS =
      List.of("hmac-sha256", "hmac-sha1", "hmac-sha224", "hmac-sha384", "hmac-sha512");

  static final String DEFAULT_ALGORITHM = "hmac-sha256";

  private final Name name;
  private final String algorithm;
  private final byte[] secret;

  TsigCredentials(Name name, String algorithm, byte[] secret) {
    this.name = Objects.requireNonNull(name, "name");
    this.algorithm = algorithm.toLowerCase(Locale.ROOT);
    if (!ALGORITHMS.contains(this.algorithm)) {
      throw new IllegalArgumentException("not a supported algorithm: " + algorithm);
    }
    this.secret = secret.clone();
  }

  /** The key name without its trailing dot, as operators write it in {@code key "ddns"}. */
  String name() {
    String text = name.toString();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  String algorithm() {
    return algorithm;
  }

  /**
   * A signer for dnsjava that takes the time signed from {@code clock}; each call makes a new one
   * (dnsjava's TSIG is not for sharing).
   */
  TSIG signer(Clock clock) {
    Name algorithmName = TSIG.algorithmToName(algorithm);
    return new TSIG(algorithmName, name, new SecretKeySpec(secret, javaAlgorithm()), clock);
  }

  /** The JCA name of the HMAC: HmacSHA256 for hmac-sha256. */
  private String javaAlgorithm() {
    return "Hmac" + algorithm.substring("hmac-".length()).toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TsigCredentials that
        && name.equals(that.name)
        && algorithm.equals(that.algorithm)
        && Arrays.equals(secret, that.secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm, Arrays.hashCode(secret));
  }

  @Override
  public String toString() {
    return "TSIG key " + name() + " (" + algorithm + ")";
  }
}
