package io.etcdj.wal.snap;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot file whose content is unusable: empty, undecodable or failing its CRC. Immutable. */
public final class SnapshotCorruptException extends IOException {
  private static final String EMPTY = "snap: empty snapshot";

  private final Path file;
  private final String reason;

  public SnapshotCorruptException(Path file, String reason) {
    super(reason + ": " + file);
    this.file = file;
    this.reason = reason;
  }

  /** A file that holds no snapshot (no bytes, no data or no CRC). */
  static SnapshotCorruptException empty(Path file) {
    return new SnapshotCorruptException(file, EMPTY);
  }

  public Path file() {
    return file;
  }

  /**
   * What etcd's snapshotter logs (at ERROR) when it finds this file: {@code unexpected empty
   * snapshot}, or {@code corrupted snapshot file <path>: crc mismatch}.
   */
  public String etcdLogLine() {
    if (reason.equals(EMPTY)) {
      return "unexpected empty snapshot";
    }
    return "corrupted snapshot file " + file + ": " + reason.replaceFirst("^snap: ", "");
  }
}
