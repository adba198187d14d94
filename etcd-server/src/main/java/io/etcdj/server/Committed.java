package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one {@code Ready} hands from the raft loop to the apply step: a snapshot to restore (or
 * null), then the committed entries in log order, and the cluster configuration as it stands after
 * the snapshot or before the first entry.
 *
 * <p>When the entries hold conf changes, {@code confDecided} is not null: the apply step
 * validates each change against the store (CLU-030) and completes it with the changes as raft must
 * apply them, an invalid one with node ID 0 (a no-op); the raft loop waits for that before it
 * goes on, as etcd's raft loop waits for the apply of a conf change.
 *
 * <p>Thread-safety: immutable.
 */
record Committed(
    Snapshot snapshot,
    List<Entry> entries,
    ConfState confState,
    CompletableFuture<List<ConfChange>> confDecided) {
  Committed {
    entries = List.copyOf(entries);
  }

  /** Whether {@code entries} hold a conf change (the raft loop asks this for every Ready). */
  static boolean hasConfChange(List<Entry> entries) {
    for (Entry e : entries) {
      if (e.getType() == EntryType.EntryConfChange) {
        return true; // a loop, not a stream: this runs for every write
      }
    }
    return false;
  }
}
