package io.etcdj.raft;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;

/**
 * Small facts about {@link Snapshot}s. The empty snapshot sets every field etcd always writes
 * (zero index and term, an empty ConfState with auto_leave), so that it encodes the way etcd's
 * does (SPEC PER-062, PER-063, PER-069).
 *
 * <p>Stateless and thread-safe.
 */
public final class Snapshots {
  /** An empty ConfState encoded as etcd encodes it. */
  public static final ConfState EMPTY_CONF_STATE =
      ConfState.newBuilder().setAutoLeave(false).build();

  /** The snapshot that stands for "no snapshot". */
  public static final Snapshot EMPTY =
      Snapshot.newBuilder()
          .setMetadata(
              SnapshotMetadata.newBuilder()
                  .setConfState(EMPTY_CONF_STATE)
                  .setIndex(0)
                  .setTerm(0))
          .build();

  private Snapshots() {}

  /** Whether the snapshot stands for no snapshot at all (index 0). */
  public static boolean isEmpty(Snapshot s) {
    return s == null || s.getMetadata().getIndex() == 0;
  }

  public static long index(Snapshot s) {
    return s.getMetadata().getIndex();
  }

  public static long term(Snapshot s) {
    return s.getMetadata().getTerm();
  }

  /** Builds a snapshot with every always-written field set. */
  public static Snapshot of(long index, long term, ConfState confState, byte[] data) {
    Snapshot.Builder b =
        Snapshot.newBuilder()
            .setMetadata(
                SnapshotMetadata.newBuilder()
                    .setConfState(confState)
                    .setIndex(index)
                    .setTerm(term));
    if (data != null) {
      b.setData(com.google.protobuf.ByteString.copyFrom(data));
    }
    return b.build();
  }
}
