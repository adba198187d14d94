package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Snapshot;
import java.util.List;

/**
 * What one {@code Ready} hands from the raft loop to the apply thread: a snapshot to restore (or
 * null), then the committed entries in log order, and the cluster configuration as it stands after
 * the last of them (for the metadata of a snapshot taken there, PER-041).
 *
 * <p>Thread-safety: immutable.
 */
record Committed(Snapshot snapshot, List<Entry> entries, ConfState confState) {
  Committed {
    entries = List.copyOf(entries);
  }
}
