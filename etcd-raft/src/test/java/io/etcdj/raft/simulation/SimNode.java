package io.etcdj.raft.simulation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RawNode;
import io.etcdj.raft.Ready;
import io.etcdj.raft.Snapshots;
import io.etcdj.raft.StorageException;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.Snapshot;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One simulated member: a {@link RawNode} driven like etcd's server drives it, over a {@link
 * MemoryStorage} that plays the part of its disk (it survives crashes), and a tiny state
 * machine whose whole state is a hash chain over the applied entries.
 *
 * <p>Not thread-safe: owned by the simulation's single thread.
 */
final class SimNode {
  final long id;
  /** The "disk": hard state, stable log and snapshot survive a crash. */
  final MemoryStorage storage;
  private final RaftConfig baseConfig;
  RawNode node;
  /** The state machine: index of the last applied entry and the hash chain up to it. */
  long appliedIndex;
  long appliedHash;
  ConfState confState = Snapshots.EMPTY_CONF_STATE;
  /** Apply entries until the log has this many entries beyond the snapshot, then compact. */
  private final int compactEvery;
  private final int keepAfterCompact;

  SimNode(long id, RaftConfig baseConfig, int compactEvery, int keepAfterCompact) {
    this.id = id;
    this.storage = (MemoryStorage) baseConfig.storage();
    this.baseConfig = baseConfig;
    this.compactEvery = compactEvery;
    this.keepAfterCompact = keepAfterCompact;
  }

  boolean running() {
    return node != null;
  }

  /** Loses everything that was not persisted: the raft state and the state machine. */
  void crash() {
    node = null;
    appliedIndex = 0;
    appliedHash = 0;
    confState = Snapshots.EMPTY_CONF_STATE;
  }

  /** Restarts from the persisted snapshot, hard state and log, as etcd does. */
  void restart() {
    Snapshot snap = storage.snapshot();
    if (!Snapshots.isEmpty(snap)) {
      restoreStateMachine(snap);
    }
    node = new RawNode(baseConfig.withApplied(appliedIndex));
  }

  private void restoreStateMachine(Snapshot snap) {
    ByteBuffer data = snap.getData().asReadOnlyByteBuffer();
    appliedIndex = data.getLong();
    appliedHash = data.getLong();
    confState = snap.getMetadata().getConfState();
    if (appliedIndex != Snapshots.index(snap)) {
      throw new AssertionError("snapshot data index " + appliedIndex + " != " + snap);
    }
  }

  /** Callbacks into the simulation for what this member does while handling a Ready. */
  interface Effects {
    void persisted(SimNode node, List<Entry> entries, long prevTerm);

    void send(Message m);

    void applied(SimNode node, Entry e, long hashAfter);

    void snapshotRestored(SimNode node, Snapshot snap);

    void confChangeApplied(SimNode node, ConfChange cc);
  }

  /** Handles every pending Ready, in the order the Ready contract demands. */
  void processReady(Effects effects) {
    int rounds = 0;
    while (node != null && node.hasReady()) {
      if (++rounds > 100) {
        throw new AssertionError("node " + id + " keeps producing Ready");
      }
      Ready rd = node.ready();
      // 1. Persist: snapshot, entries, then hard state (the vote reaches disk before it is sent).
      if (rd.snapshot() != null) {
        storage.applySnapshot(rd.snapshot());
      }
      if (!rd.entries().isEmpty()) {
        long first = rd.entries().get(0).getIndex();
        long prevTerm;
        try {
          prevTerm = storage.term(first - 1);
        } catch (StorageException e) {
          prevTerm = -1;
        }
        storage.append(rd.entries());
        effects.persisted(this, rd.entries(), prevTerm);
      }
      if (rd.hardState() != null) {
        storage.setHardState(rd.hardState());
      }
      // 2. Send.
      rd.messages().forEach(effects::send);
      // 3. Apply the snapshot, then committed entries.
      if (rd.snapshot() != null) {
        restoreStateMachine(rd.snapshot());
        effects.snapshotRestored(this, rd.snapshot());
      }
      for (Entry e : rd.committedEntries()) {
        if (e.getIndex() <= appliedIndex) {
          continue;
        }
        if (e.getIndex() != appliedIndex + 1) {
          throw new AssertionError(
              "node " + id + " applies " + e.getIndex() + " after " + appliedIndex);
        }
        appliedHash = chain(appliedHash, e);
        appliedIndex = e.getIndex();
        effects.applied(this, e, appliedHash);
        if (e.getType() == EntryType.EntryConfChange) {
          ConfChange cc = parse(e.getData());
          confState = node.applyConfChange(cc);
          effects.confChangeApplied(this, cc);
          if (node == null) {
            // This member was removed and stopped itself.
            return;
          }
        }
      }
      // 4. Advance.
      node.advance(rd);
      maybeCompact();
    }
  }

  private void maybeCompact() {
    long first = storage.firstIndex();
    if (appliedIndex - first < compactEvery) {
      return;
    }
    ByteBuffer data = ByteBuffer.allocate(16).putLong(appliedIndex).putLong(appliedHash);
    storage.createSnapshot(appliedIndex, confState, data.array());
    long compactTo = appliedIndex - keepAfterCompact;
    if (compactTo >= first) {
      storage.compact(compactTo);
    }
  }

  static ConfChange parse(ByteString data) {
    try {
      return ConfChange.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("corrupt conf change", e);
    }
  }

  /** The state machine: a hash chain over (index, term, type, data) of every applied entry. */
  static long chain(long h, Entry e) {
    long x = h * 0x9E3779B97F4A7C15L;
    x ^= e.getIndex() * 0xC2B2AE3D27D4EB4FL;
    x ^= e.getTerm() * 0x165667B19E3779F9L;
    x ^= e.getType().getNumber();
    x ^= (long) e.getData().hashCode() << 17;
    return Long.rotateLeft(x, 31) * 0xFF51AFD7ED558CCDL;
  }
}
