package io.etcdj.wal.snap;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot file whose content is unusable: empty, undecodable or failing its CRC. Immutable. */
public final class SnapshotCorruptException extends IOException {
  private final Path file;

  public SnapshotCorruptException(Path file, String reason) {
    super(reason + ": " + file);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
