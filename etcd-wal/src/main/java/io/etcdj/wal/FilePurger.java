package io.etcdj.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the oldest {@code .wal} or {@code .snap} files beyond a maximum count (SPEC PER-049). The
 * server calls {@link #purge} periodically (etcd: every 30 s) for {@code member/snap} with {@code
 * --max-snapshots} and for the WAL directory with {@code --max-wals}.
 *
 * <p>File names sort in age order (both are fixed-width hex), so the oldest go first. Deleting
 * stops at the first file that is locked: a WAL segment the log still needs stays locked until
 * {@link Wal#releaseLockTo} frees it, so it is never purged.
 *
 * <p>Thread-safety: stateless; safe to call from a purge thread while a {@link Wal} appends.
 */
public final class FilePurger {
  /** Named as etcd's capnslog package, which its lines print ({@code fileutil: ...}). */
  private static final Logger LOG = LoggerFactory.getLogger("fileutil");

  private FilePurger() {}

  /**
   * Deletes the oldest files in {@code dir} whose names end with {@code suffix} (e.g. {@code
   * "wal"}, {@code "snap"}) while more than {@code keep} remain; {@code keep <= 0} disables
   * purging, as in etcd. Returns the deleted files.
   */
  public static List<Path> purge(Path dir, String suffix, int keep) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (keep <= 0 || !Files.isDirectory(dir)) {
      return deleted;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(suffix))
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    }
    for (int i = 0; files.size() - i > keep; i++) {
      Path f = files.get(i);
      if (!FileLocks.deleteIfUnlocked(f)) {
        break;
      }
      deleted.add(f);
      LOG.info("purged file {} successfully", f);
    }
    return deleted;
  }
}
