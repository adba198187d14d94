package io.etcdj.wal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a WAL segment, {@code %016x-%016x.wal} = sequence number and the raft index of the
 * first entry the segment may hold (SPEC PER-010).
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq the segment's sequence number, contiguous from 0 (PER-011)
 * @param index the index expected for the segment's first entry (last saved index + 1 at cut)
 */
public record SegmentName(long seq, long index) {
  private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.wal");

  public SegmentName {
    if (seq < 0 || index < 0) {
      throw new IllegalArgumentException("negative seq or index: " + seq + ", " + index);
    }
  }

  /** Parses a file name; empty if it is not a WAL segment name. */
  public static Optional<SegmentName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SegmentName(Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // above 2^63: not a name we could have written
    }
  }

  /** The file name, lowercase hex. */
  public String fileName() {
    return String.format("%016x-%016x.wal", seq, index);
  }

  @Override
  public String toString() {
    return fileName();
  }
}
