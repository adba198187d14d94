package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.wal.Wal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --force-new-cluster} (SPEC CLU-040, etcd's restart as a standalone node): the log read
 * from the WAL loses its uncommitted tail, then gets conf changes that remove every other member
 * known from the snapshot's configuration and the committed conf changes, and add this member if
 * it is not among them; those entries are written to the WAL and committed at once, so the member
 * restarts as the only voter of its cluster. This is how the output of {@code etcdctl backup}
 * (new member and cluster IDs in the WAL metadata) is brought back to life.
 *
 * <p>Thread-safety: stateless; used by the starting thread before the raft loop exists.
 */
final class StandaloneRestart {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private StandaloneRestart() {}

  /** The log and hard state to restart from, after writing the forced entries to {@code wal}. */
  record Log(HardState hardState, List<Entry> entries) {}

  static Log rewrite(Wal wal, HardState hs, List<Entry> entries, ConfState snapshotConf, long self)
      throws IOException {
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      if (e.getIndex() <= hs.getCommit()) {
        kept.add(e);
      }
    }
    if (kept.size() < entries.size()) {
      LOG.info("discarding {} uncommitted WAL entries", entries.size() - kept.size());
    }
    TreeSet<Long> ids = new TreeSet<>(Long::compareUnsigned);
    ids.addAll(snapshotConf.getVotersList());
    for (Entry e : kept) {
      if (e.getType() == EntryType.EntryConfChange) {
        ConfChange cc = ConfChange.parseFrom(e.getData());
        switch (cc.getType()) {
          case ConfChangeAddNode -> ids.add(cc.getNodeID());
          case ConfChangeRemoveNode -> ids.remove(cc.getNodeID());
          default -> {}
        }
      }
    }
    long index = hs.getCommit();
    List<Entry> forced = new ArrayList<>();
    for (long id : ids) {
      if (id != self) {
        forced.add(confChange(ConfChange.newBuilder()
            .setType(ConfChangeType.ConfChangeRemoveNode).setNodeID(id), hs.getTerm(), ++index));
      }
    }
    if (!ids.contains(self)) {
      // etcd 2.3 gives the re-added member its default peer URLs, the legacy one first (3.4:
      // http://localhost:2380 alone); --initial-cluster is not consulted.
      String context =
          MembershipApplier.memberContext(
              self, List.of("http://localhost:7001", "http://localhost:2380"), "");
      forced.add(confChange(ConfChange.newBuilder()
          .setType(ConfChangeType.ConfChangeAddNode).setNodeID(self)
          .setContext(com.google.protobuf.ByteString.copyFrom(context, StandardCharsets.UTF_8)),
          hs.getTerm(), ++index));
    }
    HardState committed = hs.toBuilder().setCommit(index).build();
    wal.save(committed, forced);
    kept.addAll(forced);
    LOG.info(
        "forcing restart of member {} as a one-member cluster at commit index {}",
        Long.toHexString(self),
        index);
    return new Log(committed, kept);
  }

  private static Entry confChange(ConfChange.Builder cc, long term, long index) {
    return Entry.newBuilder()
        .setType(EntryType.EntryConfChange)
        .setTerm(term)
        .setIndex(index)
        .setData(cc.setID(0).build().toByteString())
        .build();
  }
}
