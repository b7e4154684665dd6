package io.dnsfailover.engine.journal;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.JournalConfig;
import io.dnsfailover.engine.state.StateFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal: appends each event as one JSON line ({@link EventJson}) to a file, and rotates
 * it by size: when the next line would take the file past {@code maxBytes}, {@code <path>} becomes
 * {@code <path>.1}, {@code <path>.1} becomes {@code <path>.2}, and so on; {@code <path>.<keep>} is
 * the oldest kept, anything older is deleted.
 *
 * <p>Thread-safe: every line is written whole, in one write, under one lock, so concurrent writers
 * in this process never interleave. Other processes must not write the same file. A failed write is
 * logged (once until a write succeeds again) and never stops the daemon.
 */
public final class Journal implements EventSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final Object lock = new Object();
  private Path path;
  private long maxBytes;
  private int keep;
  private FileChannel channel;
  private long size;
  private boolean failing;

  public Journal(Path path, long maxBytes, int keep) {
    this.path = Objects.requireNonNull(path, "path");
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  /** The journal a config asks for, its default path resolved. */
  public static Journal of(Config config, Map<String, String> environment) {
    JournalConfig settings = config.journal();
    return new Journal(path(config, environment), settings.maxBytes(), settings.keep());
  }

  /** The journal file of a config: {@code journal.path}, else the default for its owner. */
  public static Path path(Config config, Map<String, String> environment) {
    return config.journal().path().orElseGet(() -> defaultPath(config.ownerId(), environment));
  }

  /** {@code $XDG_STATE_HOME/dnsfailover/<ownerId>.events.jsonl}, beside the state file. */
  public static Path defaultPath(String ownerId, Map<String, String> environment) {
    return StateFile.directory(environment).resolve(ownerId + ".events.jsonl");
  }

  /** The rotated file {@code n} (1 is the newest). */
  public static Path rotated(Path path, int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  public Path path() {
    synchronized (lock) {
      return path;
    }
  }

  /**
   * Opens (creating the directory and file) now, so a path that cannot be written shows at once.
   */
  public void open() throws IOException {
    synchronized (lock) {
      ensureOpen();
    }
  }

  /** Appends one event; throws when the file cannot be written. */
  public void append(Event event) throws IOException {
    byte[] line = (EventJson.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      ensureOpen();
      if (size > 0 && size + line.length > maxBytes) {
        rotate();
        ensureOpen();
      }
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      size += line.length;
    }
  }

  /** Appends, logging instead of throwing: what the daemon calls. */
  @Override
  public void accept(Event event) {
    synchronized (lock) {
      try {
        append(event);
        if (failing) {
          failing = false;
          log.info("journal {}: writing again", path);
        }
      } catch (IOException | RuntimeException e) {
        closeQuietly();
        if (!failing) {
          failing = true;
          log.error(
              "journal {}: cannot write ({}); the daemon goes on without it", path, e.toString());
        }
      }
    }
  }

  /** Follows a changed {@code journal:} block: the next event goes to the new path and limits. */
  @Override
  public void onReload(Config config) {
    JournalConfig settings = config.journal();
    synchronized (lock) {
      Path next = path(config, System.getenv());
      if (!next.equals(path)) {
        log.info("journal moves from {} to {}", path, next);
        closeQuietly();
        path = next;
      }
      maxBytes = settings.maxBytes();
      keep = settings.keep();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closeQuietly();
    }
  }

  private void ensureOpen() throws IOException {
    if (channel != null) {
      return;
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
  }

  private void rotate() throws IOException {
    closeQuietly();
    if (keep == 0) {
      Files.deleteIfExists(path);
      return;
    }
    Files.deleteIfExists(rotated(path, keep));
    for (int n = keep - 1; n >= 1; n--) {
      Path older = rotated(path, n);
      if (Files.exists(older)) {
        Files.move(older, rotated(path, n + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(path, rotated(path, 1), StandardCopyOption.REPLACE_EXISTING);
  }

  private void closeQuietly() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("journal {}: close failed: {}", path, e.toString());
    }
    channel = null;
    size = 0;
  }
}
