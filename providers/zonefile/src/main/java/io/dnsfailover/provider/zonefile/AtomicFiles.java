package io.dnsfailover.provider.zonefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that readers (a DNS server reloading it) see the old or the new content, never
 * a mix, and a crash leaves one of the two on disk.
 */
final class AtomicFiles {

  /** Permissions of a newly created file: DNS servers often run as their own user. */
  static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a temporary file beside {@code target}, forces it to disk, gives it
   * the target's permissions, renames it over the target atomically and forces the directory. When
   * {@code target} is a symbolic link, the file it points to is replaced.
   */
  static void replace(Path target, byte[] content) throws IOException {
    boolean exists = Files.exists(target);
    Path file = exists ? target.toRealPath() : target.toAbsolutePath().normalize();
    Path directory = file.getParent();
    Files.createDirectories(directory);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(
            temporary, exists ? Files.getPosixFilePermissions(file) : NEW_FILE_PERMISSIONS);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    if (posix) {
      forceDirectory(directory);
    }
  }

  /** Makes the rename durable; POSIX systems let a directory be opened and synced. */
  private static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
