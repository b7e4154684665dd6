package io.dnsfailover.jib;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <configuration>} of {@link JibOwnershipExtension} in a pom: Maven fills the fields.
 *
 * <pre>{@code
 * <configuration implementation="io.dnsfailover.jib.OwnershipConfiguration">
 *   <rules>
 *     <rule>
 *       <glob>/var/lib/dnsfailover</glob>
 *       <ownership>65532:65532</ownership>
 *     </rule>
 *   </rules>
 * </configuration>
 * }</pre>
 */
public class OwnershipConfiguration {

  private List<Rule> rules = new ArrayList<>();

  public List<Rule> getRules() {
    return rules;
  }

  /** Files and folders whose path in the image matches {@code glob} get {@code ownership}. */
  public static class Rule {

    private String glob = "";
    private String ownership = "";

    public Rule() {}

    Rule(String glob, String ownership) {
      this.glob = glob;
      this.ownership = ownership;
    }

    /** A glob on the absolute path in the image, as java.nio's PathMatcher reads it. */
    public String getGlob() {
      return glob;
    }

    /** {@code uid:gid}, {@code uid}, or names as the image's /etc/passwd knows them. */
    public String getOwnership() {
      return ownership;
    }
  }
}
