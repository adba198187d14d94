package io.etcdj.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A WAL that cannot be read safely: a CRC mismatch before the tail, an unknown record type, a gap
 * in the segment sequence (SPEC PER-028, PER-011). The message names the file and offset so an
 * operator can find the damage.
 *
 * <p>Immutable and thread-safe.
 */
public final class WalCorruptException extends IOException {
  private final Path file;
  private final long offset;

  public WalCorruptException(Path file, long offset, String reason) {
    super(reason + " in " + file + " at offset " + offset);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged segment file. */
  public Path file() {
    return file;
  }

  /** The byte offset of the frame that failed, from the start of {@link #file()}. */
  public long offset() {
    return offset;
  }
}
