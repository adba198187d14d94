package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply step of the raft loop (DESIGN "The path of a write", step 4; STYLE 3): executes
 * committed entries against the store in log order, completes the waiting proposals by request ID,
 * and every {@code --snapshot-count} applied entries starts a snapshot (PER-040).
 *
 * <p>It runs after the Ready's entries were fsynced and its messages sent, so a write is answered
 * only once it is both durable and applied; {@link ApplyScheduler} picks the thread: the raft loop
 * itself when it has nothing else to do, else the apply thread.
 *
 * <p>Entry kinds (PER-031): an empty normal entry is a new leader's no-op; a normal entry holds an
 * {@code etcdserverpb.Request}; a conf change entry changes the membership keys (CLU-020).
 *
 * <p>Thread-safety: run by one thread at a time, in log order (the raft loop or the apply thread,
 * as {@link ApplyScheduler} hands it over), the only writer of the store; {@link #appliedIndex()}
 * is published through a volatile field for any reader.
 */
final class ApplyStep {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final Store store;
  private final Applier applier;
  private final MembershipApplier membership;
  private final PendingRequests pending;
  private final SnapshotSaver snapshots;
  private final long snapshotCount;
  private final long localId;
  private final Runnable removedSelf;
  private volatile long appliedIndex;
  private long appliedTerm;
  private long snapshotIndex;

  /**
   * @param snapshotIndex the index of the snapshot the store was recovered from (0 if none)
   * @param removedSelf run (on the applying thread; it must not block) once a committed RemoveNode
   *     of {@code localId} is applied (OTH-032)
   */
  ApplyStep(
      Store store,
      PendingRequests pending,
      SnapshotSaver snapshots,
      long snapshotCount,
      long snapshotIndex,
      long snapshotTerm,
      String clusterIdHex,
      long localId,
      Runnable removedSelf) {
    this.localId = localId;
    this.removedSelf = removedSelf;
    this.store = store;
    this.applier = new Applier(store);
    this.membership = new MembershipApplier(store, clusterIdHex);
    this.pending = pending;
    this.snapshots = snapshots;
    this.snapshotCount = snapshotCount;
    this.snapshotIndex = snapshotIndex;
    this.appliedIndex = snapshotIndex;
    this.appliedTerm = snapshotTerm;
  }

  /** The index of the last applied entry (X-Raft-Index, KEY-180). */
  long appliedIndex() {
    return appliedIndex;
  }

  /**
   * Applies one Ready's snapshot and committed entries, in log order; completes {@link
   * Committed#confDecided()} before it returns.
   */
  void apply(Committed c) {
    if (c.snapshot() != null) {
      applySnapshot(c.snapshot());
    }
    List<ConfChange> decided = new ArrayList<>();
    try {
      for (Entry e : c.entries()) {
        boolean fresh = e.getIndex() > appliedIndex; // else in the recovered snapshot already
        if (e.getType() == EntryType.EntryConfChange) {
          // Raft applies every committed conf change, even one this store already holds.
          decided.add(applyConfChange(e, fresh));
        } else if (fresh) {
          applyEntry(e);
        }
        if (fresh) {
          appliedTerm = e.getTerm();
          appliedIndex = e.getIndex();
        }
      }
    } finally {
      if (c.confDecided() != null) {
        c.confDecided().complete(decided);
      }
    }
    ConfState confState = withChanges(c.confState(), decided);
    // PER-040: snapshot once more than --snapshot-count entries were applied since the last one.
    if (appliedIndex - snapshotIndex > snapshotCount) {
      long last = snapshotIndex;
      if (snapshots.save(store.snapshotView(), appliedIndex, appliedTerm, confState)) {
        LOG.info("start to snapshot (applied: {}, lastsnap: {})", appliedIndex, last);
        snapshotIndex = appliedIndex;
      }
    }
  }

  /**
   * A snapshot from the leader replaces the whole store (PER-048). Its data is a view of the
   * received body's file (the peer pipeline maps it), read as a stream: no heap copy of the JSON.
   */
  private void applySnapshot(Snapshot snap) {
    long index = snap.getMetadata().getIndex();
    if (index <= appliedIndex) {
      return;
    }
    try (InputStream json = snap.getData().newInput()) {
      store.recover(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    appliedIndex = index;
    appliedTerm = snap.getMetadata().getTerm();
    snapshotIndex = index;
    LOG.info("recovered store from snapshot at index {}", index);
  }

  private void applyEntry(Entry e) {
    if (e.getData().isEmpty()) {
      return; // the no-op a new leader appends at the start of its term (Raft §8)
    }
    RequestCodec.Decoded d;
    try {
      d = RequestCodec.decode(e.getData());
    } catch (IllegalArgumentException ex) {
      LOG.error("skipping entry {}: {}", e.getIndex(), ex.getMessage());
      return;
    }
    // The applied index moves before the answer leaves, so X-Raft-Index covers this entry.
    appliedIndex = e.getIndex();
    Event event;
    try {
      event = applier.apply(d.request());
    } catch (EtcdException ex) {
      pending.fail(d.id(), ex);
      return;
    } catch (RuntimeException ex) {
      LOG.warn("request at index {} failed: {}", e.getIndex(), ex.toString());
      pending.fail(d.id(), ex);
      return;
    }
    pending.complete(d.id(), event);
  }

  /**
   * CLU-030: validates the change against the store and, if valid and new to this store, writes it
   * there; answers the proposer either way.
   *
   * @return the change as raft must apply it: node ID 0 (a no-op) when it was refused
   */
  private ConfChange applyConfChange(Entry e, boolean fresh) {
    ConfChange cc;
    try {
      cc = ConfChange.parseFrom(e.getData());
    } catch (IOException ex) {
      LOG.error("skipping conf change at {}: {}", e.getIndex(), ex.getMessage());
      return ConfChange.getDefaultInstance();
    }
    if (!fresh) {
      return cc;
    }
    try {
      membership.validate(cc);
    } catch (MembershipException ex) {
      pending.fail(cc.getID(), ex);
      return cc.toBuilder().setNodeID(0).build();
    }
    try {
      membership.apply(cc);
      pending.complete(cc.getID(), null);
    } catch (EtcdException | RuntimeException ex) {
      LOG.warn("conf change at index {} failed: {}", e.getIndex(), ex.toString());
      pending.fail(cc.getID(), ex);
    }
    if (cc.getType() == ConfChangeType.ConfChangeRemoveNode && cc.getNodeID() == localId) {
      removedSelf.run();
    }
    return cc;
  }

  /** The configuration after {@code changes} (for a snapshot's metadata, PER-041). */
  private static ConfState withChanges(ConfState before, List<ConfChange> changes) {
    if (changes.isEmpty()) {
      return before;
    }
    Set<Long> voters = new LinkedHashSet<>(before.getVotersList());
    for (ConfChange cc : changes) {
      if (cc.getNodeID() == 0) {
        continue;
      }
      switch (cc.getType()) {
        case ConfChangeAddNode -> voters.add(cc.getNodeID());
        case ConfChangeRemoveNode -> voters.remove(cc.getNodeID());
        default -> {
          // an update leaves the voters as they are
        }
      }
    }
    return before.toBuilder().clearVoters().addAllVoters(voters).build();
  }
}
