package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordKey;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Update;

/**
 * Builds the one UPDATE message that applies a list of changes to a zone, all or nothing (RFC
 * 2136): the server checks every prerequisite before it changes anything, and applies nothing when
 * one fails.
 *
 * <ul>
 *   <li>Create: prerequisite "RRset does not exist" (class NONE, RFC 2136 2.4.3), then the new
 *       records.
 *   <li>Update: prerequisite "RRset exists (value dependent)" (2.4.2) stating every record the zone
 *       held when it was read, byte for byte, then "delete an RRset" and the new records.
 *   <li>Delete: the same prerequisite, then "delete an RRset".
 * </ul>
 *
 * A value-dependent prerequisite compares RDATA, never TTLs (2.4.2: the TTL must be zero), so the
 * provider compares TTLs itself on the read just before (see {@link Rfc2136Provider#apply}).
 */
final class UpdateMessage {

  private UpdateMessage() {}

  /**
   * The UPDATE for {@code changes} in {@code zone}, its prerequisites taken from {@code current};
   * throws {@link IllegalArgumentException} for a value its type cannot hold.
   */
  static Update build(Name zone, List<Change> changes, ZoneSnapshot current) {
    Update update = new Update(zone);
    for (Change change : changes) {
      RecordKey key = change.key();
      Name name = RecordData.name(key.name());
      int type = RecordData.type(key.type());
      switch (change) {
        case Change.Create create -> {
          update.absent(name, type);
          RecordData.records(create.after().withoutWeights()).forEach(update::add);
        }
        case Change.Update replace -> {
          current.records(key).forEach(record -> update.present(RecordData.prerequisite(record)));
          update.delete(name, type);
          RecordData.records(replace.after().withoutWeights()).forEach(update::add);
        }
        case Change.Delete delete -> {
          current.records(key).forEach(record -> update.present(RecordData.prerequisite(record)));
          update.delete(name, type);
        }
      }
    }
    return update;
  }
}
