package io.dnsfailover.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code check:} mapping as written: in {@code defaults}, on a record or on an endpoint. It is
 * validated on its own when read (keys, value types, keys that do not apply to its own type), so a
 * mistake in it is reported even when no endpoint ends up using it; {@link CheckMerger} combines
 * layers into the check of one endpoint.
 *
 * @param type the layer's own {@code type}, when it sets a valid one
 * @param setsType whether the layer has a {@code type} key at all (valid or not)
 */
record CheckLayer(Node.Mapping mapping, String path, Optional<String> type, boolean setsType) {

  /** A value of this layer together with its own key path, so problems point at it. */
  record Located(Node node, String path) {}

  static Optional<CheckLayer> read(Node node, String path, ValueReader values) {
    Optional<Fields> maybeFields = Fields.of(node, path, values, "a check (a mapping with a type)");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(CheckKeys.ALL, "a check");
    Optional<String> type = fields.choice("type", CheckKeys.TYPES);
    type.ifPresent(own -> reportKeysNotApplying(fields, own, "this check"));
    CheckLayer layer = new CheckLayer(fields.mapping(), path, type, fields.get("type").isPresent());
    CheckDraft.read(layer.entries(), values);
    return Optional.of(layer);
  }

  /** Reports each known key that the check type does not use. */
  static void reportKeysNotApplying(Fields fields, String type, String whose) {
    for (Node.Entry entry : fields.mapping().entries()) {
      String key = entry.key().text();
      if (CheckKeys.ALL.contains(key) && !CheckKeys.appliesTo(key, type)) {
        fields
            .values()
            .problems()
            .error(
                entry.key(),
                fields.path(key),
                key
                    + " does not apply to check type "
                    + type
                    + " ("
                    + whose
                    + "): keys for "
                    + type
                    + " are "
                    + String.join(", ", CheckKeys.COMMON)
                    + ", "
                    + String.join(", ", CheckKeys.specificTo(type)));
      }
    }
  }

  /** Every known key of this layer with its value and path. */
  Map<String, Located> entries() {
    Map<String, Located> entries = new LinkedHashMap<>();
    for (Node.Entry entry : mapping.entries()) {
      String key = entry.key().text();
      if (CheckKeys.ALL.contains(key)) {
        entries.put(key, new Located(entry.value(), KeyPaths.key(path, key)));
      }
    }
    return entries;
  }
}
