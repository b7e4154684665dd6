package io.dnsfailover.core.config;

/** Builds key paths like {@code zones[0].records[1].endpoints[0].address}. */
final class KeyPaths {

  private KeyPaths() {}

  static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
