import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a Java trust store from a folder of PEM certificates (Debian's
 * /usr/share/ca-certificates/mozilla), as Debian's ca-certificates-java does when the package is
 * installed. Used by scripts/container-base.sh, which unpacks packages without running their
 * maintainer scripts.
 *
 * <p>{@code java scripts/BuildCacerts.java CERT_DIR OUT_FILE}
 *
 * <p>The store is PKCS12 without certificate encryption or integrity MAC, like the JDK's own
 * cacerts, so every Java reads it without a password.
 */
public final class BuildCacerts {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java BuildCacerts.java CERT_DIR OUT_FILE");
      System.exit(64);
    }
    System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
    System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(args[0]))) {
      files = list.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        X509Certificate cert = (X509Certificate) factory.generateCertificate(in);
        String name = file.getFileName().toString();
        store.setCertificateEntry("debian:" + name.substring(0, name.length() - 4).toLowerCase(java.util.Locale.ROOT) + ".pem", cert);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no .crt files in " + args[0]);
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      store.store(out, "changeit".toCharArray());
    }
    System.err.println("[container-base] trust store: " + files.size() + " certificates");
  }
}
