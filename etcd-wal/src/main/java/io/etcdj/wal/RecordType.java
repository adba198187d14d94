package io.etcdj.wal;

/** The WAL record types and their on-disk numbers (SPEC PER-017). Immutable, thread-safe. */
enum RecordType {
  /** Data is an {@code etcdserverpb.Metadata}; identical in every segment (PER-021). */
  METADATA(1),
  /** Data is a {@code raftpb.Entry}. */
  ENTRY(2),
  /** Data is a {@code raftpb.HardState}. */
  STATE(3),
  /** No data; the record's crc carries the rolling CRC so far (PER-020). */
  CRC(4),
  /** Data is a {@code walpb.Snapshot} marker (PER-023). */
  SNAPSHOT(5);

  private static final RecordType[] ALL = values();

  private final long code;

  RecordType(long code) {
    this.code = code;
  }

  long code() {
    return code;
  }

  /** Returns the type with this on-disk number, or null for an unknown number. */
  static RecordType fromCode(long code) {
    for (RecordType t : ALL) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
