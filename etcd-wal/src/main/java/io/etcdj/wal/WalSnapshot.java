package io.etcdj.wal;

/**
 * A snapshot marker in the WAL: the raft index and term a snapshot was taken at (SPEC PER-017,
 * PER-023). {@code new WalSnapshot(0, 0)} is the marker every new WAL starts with.
 *
 * <p>Immutable and thread-safe.
 */
public record WalSnapshot(long index, long term) {
  public WalSnapshot {
    if (index < 0 || term < 0) {
      throw new IllegalArgumentException("negative index or term: " + index + ", " + term);
    }
  }

  /** The marker of an empty log, written by {@link Wal#create}. */
  public static final WalSnapshot ZERO = new WalSnapshot(0, 0);
}
