package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Store;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply thread (DESIGN "The path of a write", step 4): executes committed entries against the
 * store in log order, completes the waiting proposals by request ID, and every {@code
 * --snapshot-count} applied entries starts a snapshot (PER-040).
 *
 * <p>Entry kinds (PER-031): an empty normal entry is a new leader's no-op; a normal entry holds an
 * {@code etcdserverpb.Request}; a conf change entry changes the membership keys (CLU-020).
 *
 * <p>Thread-safety: {@link #submit} may be called from any thread (the raft loop does); everything
 * else runs on the apply thread, the only writer of the store. {@link #appliedIndex()} is
 * published through a volatile field.
 */
final class ApplyLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final Store store;
  private final Applier applier;
  private final MembershipApplier membership;
  private final PendingRequests pending;
  private final SnapshotSaver snapshots;
  private final long snapshotCount;
  private final LinkedBlockingQueue<Committed> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long appliedIndex;
  private volatile boolean running = true;
  private long appliedTerm;
  private long snapshotIndex;

  /**
   * @param snapshotIndex the index of the snapshot the store was recovered from (0 if none)
   */
  ApplyLoop(
      Store store,
      PendingRequests pending,
      SnapshotSaver snapshots,
      long snapshotCount,
      long snapshotIndex,
      long snapshotTerm,
      String clusterIdHex) {
    this.store = store;
    this.applier = new Applier(store);
    this.membership = new MembershipApplier(store, clusterIdHex);
    this.pending = pending;
    this.snapshots = snapshots;
    this.snapshotCount = snapshotCount;
    this.snapshotIndex = snapshotIndex;
    this.appliedIndex = snapshotIndex;
    this.appliedTerm = snapshotTerm;
    this.thread = new Thread(this::run, "etcd-apply");
  }

  void start() {
    thread.start();
  }

  /** Queues one Ready's snapshot and committed entries, in the order the raft loop hands them. */
  void submit(Committed committed) {
    queue.add(committed);
  }

  /** The index of the last applied entry (X-Raft-Index, KEY-180). */
  long appliedIndex() {
    return appliedIndex;
  }

  private void run() {
    try {
      while (running) {
        Committed c = queue.poll(100, TimeUnit.MILLISECONDS);
        if (c != null) {
          apply(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void apply(Committed c) {
    if (c.snapshot() != null) {
      applySnapshot(c.snapshot());
    }
    for (Entry e : c.entries()) {
      if (e.getIndex() <= appliedIndex) {
        continue; // already in the snapshot this store was recovered from
      }
      applyEntry(e);
      appliedTerm = e.getTerm();
      appliedIndex = e.getIndex();
    }
    // PER-040: snapshot once more than --snapshot-count entries were applied since the last one.
    if (appliedIndex - snapshotIndex > snapshotCount) {
      long last = snapshotIndex;
      if (snapshots.save(store.snapshotView(), appliedIndex, appliedTerm, c.confState())) {
        LOG.info("start to snapshot (applied: {}, lastsnap: {})", appliedIndex, last);
        snapshotIndex = appliedIndex;
      }
    }
  }

  /** A snapshot from the leader replaces the whole store (PER-048). */
  private void applySnapshot(Snapshot snap) {
    long index = snap.getMetadata().getIndex();
    if (index <= appliedIndex) {
      return;
    }
    store.recover(snap.getData().toByteArray());
    appliedIndex = index;
    appliedTerm = snap.getMetadata().getTerm();
    snapshotIndex = index;
    LOG.info("recovered store from snapshot at index {}", index);
  }

  private void applyEntry(Entry e) {
    if (e.getType() == EntryType.EntryConfChange) {
      applyConfChange(e);
      return;
    }
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

  private void applyConfChange(Entry e) {
    ConfChange cc;
    try {
      cc = ConfChange.parseFrom(e.getData());
    } catch (IOException ex) {
      LOG.error("skipping conf change at {}: {}", e.getIndex(), ex.getMessage());
      return;
    }
    try {
      membership.apply(cc);
      pending.complete(cc.getID(), null);
    } catch (EtcdException | RuntimeException ex) {
      LOG.warn("conf change at index {} failed: {}", e.getIndex(), ex.toString());
      pending.fail(cc.getID(), ex);
    }
  }

  /** Stops after the batch in progress; entries still queued are applied again at restart. */
  @Override
  public void close() {
    running = false;
    thread.interrupt(); // wakes it from an empty queue at once
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
