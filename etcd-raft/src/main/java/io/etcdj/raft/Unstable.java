package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The tail of the log that raft knows but the application has not yet persisted: new entries
 * and possibly a snapshot received from the leader. Entry {@code i} lives at position {@code i -
 * offset}; when a snapshot is present it precedes all the entries.
 *
 * <p>Not thread-safe: owned by the raft state machine.
 */
final class Unstable {
  private Snapshot snapshot;
  private final ArrayList<Entry> entries = new ArrayList<>();
  private long offset;

  Unstable(long offset) {
    this.offset = offset;
  }

  long offset() {
    return offset;
  }

  /** The pending snapshot, or null. */
  Snapshot snapshot() {
    return snapshot;
  }

  List<Entry> entries() {
    return entries;
  }

  /** The first index if a snapshot is pending (the one after it), else -1. */
  long maybeFirstIndex() {
    return snapshot != null ? Snapshots.index(snapshot) + 1 : -1;
  }

  /** The last index held here, or -1 if this holds nothing. */
  long maybeLastIndex() {
    if (!entries.isEmpty()) {
      return offset + entries.size() - 1;
    }
    return snapshot != null ? Snapshots.index(snapshot) : -1;
  }

  /** The term of entry {@code i} if it is held here, else -1. */
  long maybeTerm(long i) {
    if (i < offset) {
      if (snapshot != null && Snapshots.index(snapshot) == i) {
        return Snapshots.term(snapshot);
      }
      return -1;
    }
    long last = maybeLastIndex();
    if (last < 0 || i > last) {
      return -1;
    }
    return entries.get((int) (i - offset)).getTerm();
  }

  /**
   * The application persisted entries up to {@code i} (of term {@code t}): drop them. If the
   * entry at {@code i} was replaced meanwhile by one of another term, the persisted one is stale
   * and nothing is dropped.
   */
  void stableTo(long i, long t) {
    long gt = maybeTerm(i);
    if (gt == t && i >= offset) {
      entries.subList(0, (int) (i + 1 - offset)).clear();
      offset = i + 1;
    }
  }

  void stableSnapTo(long i) {
    if (snapshot != null && Snapshots.index(snapshot) == i) {
      snapshot = null;
    }
  }

  void restore(Snapshot s) {
    offset = Snapshots.index(s) + 1;
    entries.clear();
    snapshot = s;
  }

  /** Appends entries, replacing anything held from their first index on. */
  void truncateAndAppend(List<Entry> ents) {
    long after = ents.get(0).getIndex();
    if (after == offset + entries.size()) {
      entries.addAll(ents);
    } else if (after <= offset) {
      // Replace everything, possibly from before what is held here (already stable entries
      // are overwritten by the new ones once persisted).
      offset = after;
      entries.clear();
      entries.addAll(ents);
    } else {
      entries.subList((int) (after - offset), entries.size()).clear();
      entries.addAll(ents);
    }
  }

  /** Entries in {@code [lo, hi)}, which must lie within what is held here (a view). */
  List<Entry> slice(long lo, long hi) {
    if (lo > hi || lo < offset || hi > offset + entries.size()) {
      throw new IllegalStateException(
          "invalid unstable.slice [" + lo + "," + hi + ") with offset " + offset + " and "
              + entries.size() + " entries");
    }
    return entries.subList((int) (lo - offset), (int) (hi - offset));
  }
}
