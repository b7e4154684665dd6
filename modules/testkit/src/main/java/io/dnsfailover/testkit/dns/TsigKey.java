package io.dnsfailover.testkit.dns;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key shared by a test and the DNS servers it starts: what {@code tsig-keygen} prints, made
 * in Java so no process runs for it. {@link #toString()} leaves the secret out, so a key can appear
 * in assertion messages.
 *
 * @param name the key's name, as both sides spell it ({@code ddns}, {@code admin})
 * @param algorithm {@code hmac-sha256}, {@code hmac-sha512}, ... (BIND and Knot spell them alike)
 * @param secret the shared secret, base64
 */
public record TsigKey(String name, String algorithm, String secret) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public TsigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
  }

  /** A new {@code hmac-sha256} key with 32 random bytes, like {@code tsig-keygen NAME}. */
  public static TsigKey generate(String name) {
    return generate(name, "hmac-sha256");
  }

  /** A new key of {@code algorithm} with 32 random bytes. */
  public static TsigKey generate(String name, String algorithm) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new TsigKey(name, algorithm, Base64.getEncoder().encodeToString(bytes));
  }

  /** The same name and algorithm with another random secret: the server will answer BADSIG. */
  public TsigKey withWrongSecret() {
    return new TsigKey(name, algorithm, generate(name, algorithm).secret());
  }

  /** The BIND {@code key} statement: {@code key "NAME" { algorithm ALG; secret "..."; };}. */
  public String namedStatement() {
    return "key \"" + name + "\" { algorithm " + algorithm + "; secret \"" + secret + "\"; };";
  }

  /** One entry of Knot's {@code key:} list, indented as the section's items are. */
  public String knotEntry() {
    return "  - id: " + name + "\n    algorithm: " + algorithm + "\n    secret: " + secret + "\n";
  }

  /** The key as dnsjava signs messages with it. */
  public TSIG toDnsjava() {
    try {
      return new TSIG(
          TSIG.algorithmToName(algorithm), Name.fromString(name, Name.root), secret.strip());
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a key name: " + name, e);
    }
  }

  @Override
  public String toString() {
    return "TsigKey[name=" + name + ", algorithm=" + algorithm + ", secret=(hidden)]";
  }
}
