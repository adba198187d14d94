package io.etcdj.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a torn tail off the last segment (SPEC PER-028): keeps a copy of the whole file as {@code
 * <name>.broken} for post-mortems, truncates the segment just after its last complete record, and
 * fsyncs it. Only ever applied to the last segment, and only for the damage {@link WalDecoder}
 * classifies as an interrupted write; everything else is refused.
 *
 * <p>Thread-safety: stateless; the caller owns the segment.
 */
final class WalRepair {
  private static final Logger LOG = LoggerFactory.getLogger("wal");

  private WalRepair() {}

  /** Truncates {@code tail} at {@code lastValidOffset}, first copying it to {@code .broken}. */
  static void truncateTornTail(SegmentFile tail, long lastValidOffset) throws IOException {
    Path broken = tail.path().resolveSibling(tail.path().getFileName() + ".broken");
    FileChannel src = tail.channel(); // never a second descriptor: see FileLocks
    try (FileChannel dst =
        FileChannel.open(
            broken,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      long size = src.size();
      long copied = 0;
      while (copied < size) {
        long n = src.transferTo(copied, size - copied, dst);
        if (n <= 0) {
          break;
        }
        copied += n;
      }
      dst.force(true);
    }
    src.truncate(lastValidOffset);
    src.force(true);
    LOG.warn(
        "repaired torn wal tail: truncated {} at offset {} (copy kept in {})",
        tail.path(),
        lastValidOffset,
        broken);
  }
}
