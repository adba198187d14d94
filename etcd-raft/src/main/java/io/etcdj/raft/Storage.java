package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.List;

/**
 * The stable (persisted) part of the raft log, read by raft and written only by the
 * application (STYLE rule 2). The application appends what {@link Ready#entries()} asks it to
 * persist, sets the hard state, applies snapshots and compacts; raft itself never writes here.
 *
 * <p>Implementations must be safe for the raft thread to read while the application writes
 * from the same thread between {@link RawNode#ready()} and {@link RawNode#advance(Ready)}; a
 * storage written from another thread must synchronize internally. Index 0 is a dummy entry
 * of term 0 so that the entry after a snapshot always has a known previous term.
 */
public interface Storage {
  /** The persisted hard state and the configuration of the last snapshot. */
  InitialState initialState();

  /**
   * Entries in {@code [lo, hi)}, at least one when the range is not empty, but no more than
   * {@code maxSize} bytes in total beyond the first.
   *
   * @throws StorageException {@code COMPACTED} if {@code lo <= snapshot index}, {@code
   *     UNAVAILABLE} if {@code hi > lastIndex() + 1}
   */
  List<Entry> entries(long lo, long hi, long maxSize);

  /**
   * The term of entry {@code i}, which must be in {@code [firstIndex() - 1, lastIndex()]}; the
   * term of {@code firstIndex() - 1} is the snapshot's term.
   *
   * @throws StorageException {@code COMPACTED} or {@code UNAVAILABLE} outside that range
   */
  long term(long i);

  /** The index of the last entry in the log. */
  long lastIndex();

  /** The index of the first entry still available (snapshot index + 1). */
  long firstIndex();

  /**
   * The most recent snapshot.
   *
   * @throws StorageException {@code SNAPSHOT_TEMPORARILY_UNAVAILABLE} if it is not ready yet
   */
  Snapshot snapshot();
}
