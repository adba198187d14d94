package io.etcdj.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAL directory: which segment files exist, which ones a reader needs, and the file-system
 * chores around them (directory fsync, preallocation).
 *
 * <p>Thread-safety: stateless, safe for any thread.
 */
final class SegmentFiles {
  private static final Logger LOG = LoggerFactory.getLogger("wal");

  /** WAL files are 0600, WAL directories 0700 (SPEC PER-002). */
  static final FileAttribute<?> FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  static final FileAttribute<?> DIR_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private SegmentFiles() {}

  /**
   * The segment names in {@code dir}, sorted by sequence number. Other files are ignored, with a
   * warning unless they are the preallocated {@code *.tmp} files (PER-011, PER-014).
   */
  static List<SegmentName> list(Path dir) throws IOException {
    List<SegmentName> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String file = p.getFileName().toString();
        Optional<SegmentName> name = SegmentName.parse(file);
        if (name.isPresent()) {
          names.add(name.get());
        } else if (!file.endsWith(".tmp") && !file.endsWith(".broken")) {
          LOG.warn("ignored file {} in wal", file);
        }
      }
    }
    names.sort(Comparator.comparingLong(SegmentName::seq));
    return names;
  }

  /**
   * The segments to read when opening at {@code snapIndex}: from the last one whose first index is
   * at most {@code snapIndex} to the end; their sequence numbers must be contiguous (PER-011).
   *
   * @throws java.nio.file.NoSuchFileException if there is no such segment
   * @throws WalCorruptException if a segment is missing from the sequence
   */
  static List<SegmentName> select(Path dir, long snapIndex) throws IOException {
    List<SegmentName> names = list(dir);
    int start = -1;
    for (int i = names.size() - 1; i >= 0; i--) {
      if (names.get(i).index() <= snapIndex) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      throw new java.nio.file.NoSuchFileException(
          dir.toString(), null, "wal: file not found for snapshot index " + snapIndex);
    }
    List<SegmentName> selected = names.subList(start, names.size());
    for (int i = 1; i < selected.size(); i++) {
      if (selected.get(i).seq() != selected.get(i - 1).seq() + 1) {
        throw new WalCorruptException(
            dir.resolve(selected.get(i).fileName()),
            0,
            "wal: file sequence is not continuous, segment "
                + (selected.get(i - 1).seq() + 1)
                + " is missing");
      }
    }
    return List.copyOf(selected);
  }

  /** True if {@code dir} holds at least one segment. */
  static boolean exist(Path dir) throws IOException {
    return Files.isDirectory(dir) && !list(dir).isEmpty();
  }

  /** Makes a rename or file creation in {@code dir} durable. */
  static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Extends the file to {@code size} bytes of zeros (PER-012). Without fallocate in Java this makes
   * a sparse file, which is what etcd falls back to on file systems without fallocate.
   */
  static void preallocate(FileChannel ch, long size) throws IOException {
    if (ch.size() < size) {
      ch.write(ByteBuffer.allocate(1), size - 1);
    }
  }

  /**
   * Zeroes the file from {@code offset} to its current end, keeping its size (etcd's ZeroToEnd):
   * stale bytes of a torn write beyond the last valid record must never be read back as records
   * once new writes partly overwrite them.
   */
  static void zeroToEnd(FileChannel ch, long offset) throws IOException {
    long size = ch.size();
    ch.truncate(offset);
    if (size > offset) {
      ch.write(ByteBuffer.allocate(1), size - 1);
    }
    ch.force(true);
  }
}
