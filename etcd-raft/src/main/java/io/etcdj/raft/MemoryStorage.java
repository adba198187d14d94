package io.etcdj.raft;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Storage} held in memory, which the application fills with what it has persisted
 * elsewhere (the WAL): on restart it loads the snapshot, the hard state and the entries after
 * the snapshot, and during normal operation it mirrors every {@link Ready}.
 *
 * <p>Thread-safe: every method synchronizes on this object, so the application may write from
 * another thread than the one driving raft.
 */
public final class MemoryStorage implements Storage {
  private HardState hardState = HardState.getDefaultInstance();
  private Snapshot snapshot = Snapshots.EMPTY;
  /**
   * entries.get(0) is a dummy standing for the snapshot (its index and term, no data), so the
   * term of the entry before the first retained one is always known.
   */
  private final ArrayList<Entry> entries = new ArrayList<>();

  public MemoryStorage() {
    entries.add(dummy(0, 0));
  }

  private static Entry dummy(long index, long term) {
    return Entry.newBuilder().setTerm(term).setIndex(index).build();
  }

  @Override
  public synchronized InitialState initialState() {
    return new InitialState(hardState, snapshot.getMetadata().getConfState());
  }

  /** Records the hard state the application has persisted. */
  public synchronized void setHardState(HardState hs) {
    this.hardState = hs;
  }

  private long offset() {
    return entries.get(0).getIndex();
  }

  @Override
  public synchronized List<Entry> entries(long lo, long hi, long maxSize) {
    long offset = offset();
    if (lo <= offset) {
      throw new StorageException(StorageException.Kind.COMPACTED);
    }
    if (hi > lastIndexLocked() + 1) {
      throw new IllegalArgumentException(
          "entries' hi(" + hi + ") is out of bound lastindex(" + lastIndexLocked() + ")");
    }
    if (entries.size() == 1) {
      // Only the dummy entry is left.
      throw new StorageException(StorageException.Kind.UNAVAILABLE);
    }
    List<Entry> slice =
        EntryLimits.limitSize(entries.subList((int) (lo - offset), (int) (hi - offset)), maxSize);
    // Copy: later appends or compactions must not change what the caller holds.
    return new ArrayList<>(slice);
  }

  @Override
  public synchronized long term(long i) {
    long offset = offset();
    if (i < offset) {
      throw new StorageException(StorageException.Kind.COMPACTED);
    }
    if (i - offset >= entries.size()) {
      throw new StorageException(StorageException.Kind.UNAVAILABLE);
    }
    return entries.get((int) (i - offset)).getTerm();
  }

  @Override
  public synchronized long lastIndex() {
    return lastIndexLocked();
  }

  private long lastIndexLocked() {
    return offset() + entries.size() - 1;
  }

  @Override
  public synchronized long firstIndex() {
    return offset() + 1;
  }

  @Override
  public synchronized Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Replaces the whole contents with a snapshot received from the leader (or loaded at start).
   *
   * @throws StorageException {@code SNAPSHOT_OUT_OF_DATE} if it is not newer than the current one
   */
  public synchronized void applySnapshot(Snapshot snap) {
    long index = Snapshots.index(snap);
    if (index <= Snapshots.index(snapshot)) {
      throw new StorageException(StorageException.Kind.SNAPSHOT_OUT_OF_DATE);
    }
    snapshot = snap;
    entries.clear();
    entries.add(dummy(index, Snapshots.term(snap)));
  }

  /**
   * Makes a snapshot of the application state {@code data} as of applied index {@code i}, with
   * configuration {@code confState} (or the previous snapshot's when null), and returns it. The
   * log is not compacted: call {@link #compact(long)} for that.
   */
  public synchronized Snapshot createSnapshot(long i, ConfState confState, byte[] data) {
    if (i <= Snapshots.index(snapshot)) {
      throw new StorageException(StorageException.Kind.SNAPSHOT_OUT_OF_DATE);
    }
    long offset = offset();
    if (i > lastIndexLocked()) {
      throw new IllegalArgumentException(
          "snapshot " + i + " is out of bound lastindex(" + lastIndexLocked() + ")");
    }
    ConfState cs = confState != null ? confState : snapshot.getMetadata().getConfState();
    snapshot = Snapshots.of(i, entries.get((int) (i - offset)).getTerm(), cs, data);
    return snapshot;
  }

  /**
   * Discards every entry before {@code compactIndex}. The application must not compact beyond
   * what it has applied (and should keep a tail for slow followers, RFT-014).
   */
  public synchronized void compact(long compactIndex) {
    long offset = offset();
    if (compactIndex <= offset) {
      throw new StorageException(StorageException.Kind.COMPACTED);
    }
    if (compactIndex > lastIndexLocked()) {
      throw new IllegalArgumentException(
          "compact " + compactIndex + " is out of bound lastindex(" + lastIndexLocked() + ")");
    }
    int i = (int) (compactIndex - offset);
    Entry kept = entries.get(i);
    entries.subList(0, i).clear();
    entries.set(0, dummy(kept.getIndex(), kept.getTerm()));
  }

  /**
   * Appends entries that the application has persisted. Entries that overlap the current log
   * replace it from the first overlapping index on (a new leader overwrote a stale tail); the
   * entries must be contiguous with the log.
   */
  public synchronized void append(List<Entry> newEntries) {
    if (newEntries.isEmpty()) {
      return;
    }
    long first = offset() + 1;
    long firstNew = newEntries.get(0).getIndex();
    long lastNew = firstNew + newEntries.size() - 1;
    if (lastNew < first) {
      // Everything here is already compacted.
      return;
    }
    List<Entry> toAdd = newEntries;
    if (first > firstNew) {
      toAdd = newEntries.subList((int) (first - firstNew), newEntries.size());
    }
    long at = toAdd.get(0).getIndex() - offset();
    if (at > entries.size()) {
      throw new IllegalArgumentException(
          "missing log entry [last: " + lastIndexLocked() + ", append at: "
              + toAdd.get(0).getIndex() + "]");
    }
    if (at < entries.size()) {
      entries.subList((int) at, entries.size()).clear();
    }
    entries.addAll(toAdd);
  }
}
