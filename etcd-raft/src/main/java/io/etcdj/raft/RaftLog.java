package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The raft log as raft sees it: the stable part in {@link Storage} followed by the {@link
 * Unstable} tail, plus the commit and apply cursors (Raft §5.3). Invariant: {@code applied <=
 * committed <= lastIndex()}.
 *
 * <p>Not thread-safe: owned by the raft state machine.
 */
final class RaftLog {
  private final Storage storage;
  private final Unstable unstable;
  private final long maxNextEntsSize;
  private long committed;
  private long applied;

  RaftLog(Storage storage, long maxNextEntsSize) {
    this.storage = storage;
    this.maxNextEntsSize = maxNextEntsSize;
    long first = storage.firstIndex();
    long last = storage.lastIndex();
    this.unstable = new Unstable(last + 1);
    // Everything up to the snapshot is committed and applied by definition.
    this.committed = first - 1;
    this.applied = first - 1;
  }

  long committed() {
    return committed;
  }

  long applied() {
    return applied;
  }

  Unstable unstable() {
    return unstable;
  }

  /**
   * The follower side of AppendEntries (Raft §5.3): if our entry at {@code index} has term
   * {@code logTerm}, take {@code ents} (dropping a conflicting tail), advance the commit index
   * and return the index of the last new entry; otherwise return -1.
   */
  long maybeAppend(long index, long logTerm, long leaderCommit, List<Entry> ents) {
    if (!matchTerm(index, logTerm)) {
      return -1;
    }
    long lastNew = index + ents.size();
    long conflict = findConflict(ents);
    if (conflict != 0) {
      if (conflict <= committed) {
        throw new IllegalStateException(
            "entry " + conflict + " conflicts with committed entry [committed(" + committed + ")]");
      }
      append(ents.subList((int) (conflict - (index + 1)), ents.size()));
    }
    commitTo(Math.min(leaderCommit, lastNew));
    return lastNew;
  }

  long append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return lastIndex();
    }
    long after = ents.get(0).getIndex() - 1;
    if (after < committed) {
      throw new IllegalStateException(
          "after(" + after + ") is out of range [committed(" + committed + ")]");
    }
    unstable.truncateAndAppend(ents);
    return lastIndex();
  }

  /**
   * The index of the first entry of {@code ents} that is new or disagrees with our log, or 0 if
   * we already hold them all.
   */
  private long findConflict(List<Entry> ents) {
    for (int i = 0, n = ents.size(); i < n; i++) {
      Entry e = ents.get(i);
      if (!matchTerm(e.getIndex(), e.getTerm())) {
        return e.getIndex();
      }
    }
    return 0;
  }

  /**
   * Fast backtracking: the largest index at or below {@code index} whose term is at most {@code
   * term}. Entries above it cannot match a log whose entry at {@code index} has term {@code
   * term}, so the leader may skip them in one round trip (Raft §5.3, the optimisation the paper
   * sketches; etcd does the same).
   */
  long findConflictByTerm(long index, long term) {
    if (index > lastIndex()) {
      return index;
    }
    while (index > 0) {
      long t = term(index);
      if (t < 0 || t <= term) {
        break;
      }
      index--;
    }
    return index;
  }

  /** Entries not yet persisted by the application. */
  List<Entry> unstableEntries() {
    return unstable.entries();
  }

  /** Committed entries the application has not applied yet, at most maxNextEntsSize bytes. */
  List<Entry> nextEnts() {
    long off = Math.max(applied + 1, firstIndex());
    if (committed + 1 > off) {
      return slice(off, committed + 1, maxNextEntsSize);
    }
    return List.of();
  }

  boolean hasNextEnts() {
    return committed + 1 > Math.max(applied + 1, firstIndex());
  }

  Snapshot snapshot() {
    Snapshot s = unstable.snapshot();
    return s != null ? s : storage.snapshot();
  }

  long firstIndex() {
    long i = unstable.maybeFirstIndex();
    return i >= 0 ? i : storage.firstIndex();
  }

  long lastIndex() {
    long i = unstable.maybeLastIndex();
    return i >= 0 ? i : storage.lastIndex();
  }

  void commitTo(long toCommit) {
    // Never decrease the commit index: a stale leader message may carry an older one.
    if (committed < toCommit) {
      if (lastIndex() < toCommit) {
        throw new IllegalStateException(
            "tocommit(" + toCommit + ") is out of range [lastIndex(" + lastIndex()
                + ")]. Was the raft log corrupted, truncated, or lost?");
      }
      committed = toCommit;
    }
  }

  void appliedTo(long i) {
    if (i == 0) {
      return;
    }
    if (committed < i || i < applied) {
      throw new IllegalStateException(
          "applied(" + i + ") is out of range [prevApplied(" + applied + "), committed("
              + committed + ")]");
    }
    applied = i;
  }

  void stableTo(long i, long t) {
    unstable.stableTo(i, t);
  }

  void stableSnapTo(long i) {
    unstable.stableSnapTo(i);
  }

  long lastTerm() {
    long t = term(lastIndex());
    if (t < 0) {
      throw new IllegalStateException("unexpected error when getting the last term");
    }
    return t;
  }

  /**
   * The term of entry {@code i}, or -1 when it is not known: compacted away or beyond the last
   * index. The entry just before the first one (the snapshot) has a known term.
   */
  long term(long i) {
    long dummyIndex = firstIndex() - 1;
    if (i < dummyIndex || i > lastIndex()) {
      return -1;
    }
    long t = unstable.maybeTerm(i);
    if (t >= 0) {
      return t;
    }
    try {
      return storage.term(i);
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.COMPACTED
          || e.kind() == StorageException.Kind.UNAVAILABLE) {
        return -1;
      }
      throw e;
    }
  }

  /**
   * Entries from {@code i} to the end, at most {@code maxSize} bytes (at least one entry).
   *
   * @throws StorageException COMPACTED if {@code i} was compacted away
   */
  List<Entry> entries(long i, long maxSize) {
    if (i > lastIndex()) {
      return List.of();
    }
    return slice(i, lastIndex() + 1, maxSize);
  }

  /**
   * The candidate's log is at least as up-to-date as ours (Raft §5.4.1): a later last term, or
   * the same last term and at least as long.
   */
  boolean isUpToDate(long lastIndex, long lastTerm) {
    long ourTerm = lastTerm();
    return lastTerm > ourTerm || (lastTerm == ourTerm && lastIndex >= lastIndex());
  }

  boolean matchTerm(long i, long term) {
    long t = term(i);
    return t >= 0 && t == term;
  }

  /**
   * Commits {@code maxIndex} if it holds an entry of the current {@code term}: a leader never
   * commits entries of earlier terms by counting replicas (Raft §5.4.2, RFT-007).
   */
  boolean maybeCommit(long maxIndex, long term) {
    if (maxIndex > committed && maxIndex <= lastIndex() && term(maxIndex) == term) {
      commitTo(maxIndex);
      return true;
    }
    return false;
  }

  void restore(Snapshot s) {
    committed = Snapshots.index(s);
    unstable.restore(s);
  }

  /**
   * Entries in {@code [lo, hi)}, at most {@code maxSize} bytes beyond the first.
   *
   * @throws StorageException COMPACTED if {@code lo} was compacted away
   */
  List<Entry> slice(long lo, long hi, long maxSize) {
    if (lo > hi) {
      throw new IllegalStateException("invalid slice " + lo + " > " + hi);
    }
    long first = firstIndex();
    if (lo < first) {
      throw new StorageException(StorageException.Kind.COMPACTED);
    }
    if (hi > lastIndex() + 1) {
      throw new IllegalStateException(
          "slice[" + lo + "," + hi + ") out of bound [" + first + "," + lastIndex() + "]");
    }
    if (lo == hi) {
      return List.of();
    }
    long offset = unstable.offset();
    List<Entry> stored = null;
    if (lo < offset) {
      stored = storage.entries(lo, Math.min(hi, offset), maxSize);
      // The storage stopped early because of the size limit: that is the answer.
      if (stored.size() < Math.min(hi, offset) - lo) {
        return stored;
      }
    }
    if (hi > offset) {
      List<Entry> fresh = unstable.slice(Math.max(lo, offset), hi);
      if (stored == null) {
        return new ArrayList<>(EntryLimits.limitSize(fresh, maxSize));
      }
      List<Entry> combined = new ArrayList<>(stored.size() + fresh.size());
      combined.addAll(stored);
      combined.addAll(fresh);
      return EntryLimits.limitSize(combined, maxSize);
    }
    return stored;
  }

  @Override
  public String toString() {
    return "committed=" + committed + ", applied=" + applied + ", unstable.offset="
        + unstable.offset() + ", len(unstable.Entries)=" + unstable.entries().size();
  }
}
