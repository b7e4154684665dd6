package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.ProviderException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock around a read-modify-write of one zone file: a JVM-wide lock per file (a
 * {@link FileLock} is held per process, so threads must queue in-process first) plus an OS lock on
 * the sibling file {@code <zone file>.lock}, which other processes take too. The lock file is left
 * in place: deleting it would let two processes lock different files.
 */
final class ZoneFileLock {

  /** How long a writer waits for another before giving up with a TRANSIENT error. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  /** Work done while holding the lock. */
  interface Action<T> {
    T run() throws ProviderException, IOException;
  }

  private ZoneFileLock() {}

  static Path lockFile(Path zoneFile) {
    return zoneFile.resolveSibling(zoneFile.getFileName() + ".lock");
  }

  /** Runs {@code action} holding both locks; the zone file's parent directory is created. */
  static <T> T withLock(Path zoneFile, Action<T> action) throws ProviderException, IOException {
    Path absolute = zoneFile.toAbsolutePath().normalize();
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(absolute, path -> new ReentrantLock());
    try {
      if (!inProcess.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy(absolute);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT, "interrupted waiting for " + absolute, e);
    }
    try {
      Files.createDirectories(absolute.getParent());
      try (FileChannel channel =
          FileChannel.open(
              lockFile(absolute), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = acquire(channel, absolute);
        try {
          return action.run();
        } finally {
          lock.release();
        }
      }
    } finally {
      inProcess.unlock();
    }
  }

  private static FileLock acquire(FileChannel channel, Path zoneFile)
      throws IOException, ProviderException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw busy(zoneFile);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(
            ProviderException.Kind.TRANSIENT, "interrupted waiting for " + zoneFile, e);
      }
    }
  }

  private static ProviderException busy(Path zoneFile) {
    return new ProviderException(
        ProviderException.Kind.TRANSIENT,
        zoneFile + " is locked by another writer (" + lockFile(zoneFile) + ") for over " + WAIT);
  }
}
