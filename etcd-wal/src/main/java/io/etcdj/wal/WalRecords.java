package io.etcdj.wal;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.wal.walpb.Snapshot;

/**
 * Marshals record payloads the way etcd does, byte for byte: every non-nullable field is written
 * even when zero, in field-number order; nullable bytes only when present (SPEC PER-069). A proto2
 * builder writes a field exactly when it was set, so each is set here.
 *
 * <p>Thread-safety: stateless, safe for any thread.
 */
final class WalRecords {
  private WalRecords() {}

  static byte[] entry(Entry e) {
    Entry.Builder b =
        Entry.newBuilder().setType(e.getType()).setTerm(e.getTerm()).setIndex(e.getIndex());
    if (e.hasData()) {
      b.setData(e.getData());
    }
    return b.build().toByteArray();
  }

  static byte[] hardState(HardState s) {
    return HardState.newBuilder()
        .setTerm(s.getTerm())
        .setVote(s.getVote())
        .setCommit(s.getCommit())
        .build()
        .toByteArray();
  }

  static byte[] snapshot(WalSnapshot s) {
    return Snapshot.newBuilder().setIndex(s.index()).setTerm(s.term()).build().toByteArray();
  }

  static boolean isEmpty(HardState s) {
    return s.getTerm() == 0 && s.getVote() == 0 && s.getCommit() == 0;
  }
}
