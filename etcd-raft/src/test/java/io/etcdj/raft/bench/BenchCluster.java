package io.etcdj.raft.bench;

import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RawNode;
import io.etcdj.raft.Ready;
import io.etcdj.raft.StateType;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory cluster for benchmarks: members exchange messages directly and persist to
 * {@link MemoryStorage}, so what is measured is raft itself (no disk, no network). Each round
 * handles every member's Ready the way a server loop does, then delivers the messages.
 *
 * <p>Not thread-safe: owned by one benchmark thread.
 */
final class BenchCluster {
  private final RawNode[] nodes;
  private final MemoryStorage[] storages;
  private final ConfState[] confStates;
  private final long[] applied;
  private List<Message> inFlight = new ArrayList<>();

  BenchCluster(int size) {
    nodes = new RawNode[size];
    storages = new MemoryStorage[size];
    confStates = new ConfState[size];
    applied = new long[size];
    List<Peer> peers = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      peers.add(new Peer(i, null));
    }
    for (int i = 0; i < size; i++) {
      storages[i] = new MemoryStorage();
      nodes[i] = RawNode.bootstrap(RaftConfig.defaults(i + 1, storages[i]), peers);
    }
    settle();
    nodes[0].campaign();
    settle();
    if (nodes[0].softState().raftState() != StateType.LEADER) {
      throw new IllegalStateException("member 1 did not become leader");
    }
  }

  RawNode leader() {
    return nodes[0];
  }

  /** The last index member 1 (the leader) has applied. */
  long leaderApplied() {
    return applied[0];
  }

  /** Runs rounds until no member has anything left to do. */
  void settle() {
    for (int i = 0; i < 10_000; i++) {
      if (!round()) {
        return;
      }
    }
    throw new IllegalStateException("cluster did not settle");
  }

  /** One round: every member handles its Ready, then every message is delivered. */
  boolean round() {
    boolean any = false;
    for (int i = 0; i < nodes.length; i++) {
      RawNode n = nodes[i];
      if (!n.hasReady()) {
        continue;
      }
      any = true;
      Ready rd = n.ready();
      MemoryStorage s = storages[i];
      if (rd.snapshot() != null) {
        s.applySnapshot(rd.snapshot());
      }
      s.append(rd.entries());
      if (rd.hardState() != null) {
        s.setHardState(rd.hardState());
      }
      inFlight.addAll(rd.messages());
      List<Entry> committed = rd.committedEntries();
      for (int k = 0, size = committed.size(); k < size; k++) {
        Entry e = committed.get(k);
        if (e.getType() == EntryType.EntryConfChange) {
          try {
            confStates[i] = n.applyConfChange(ConfChange.parseFrom(e.getData()));
          } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new IllegalStateException(ex);
          }
        }
        applied[i] = e.getIndex();
      }
      n.advance(rd);
      // Keep memory flat over long runs, as a server compacts after snapshots.
      if (applied[i] - s.firstIndex() > 20_000) {
        s.createSnapshot(applied[i], confStates[i], null);
        s.compact(applied[i] - 1_000);
      }
    }
    if (!inFlight.isEmpty()) {
      any = true;
      List<Message> batch = inFlight;
      inFlight = new ArrayList<>(batch.size());
      for (int k = 0, size = batch.size(); k < size; k++) {
        Message m = batch.get(k);
        nodes[(int) m.getTo() - 1].step(m);
      }
    }
    return any;
  }
}
