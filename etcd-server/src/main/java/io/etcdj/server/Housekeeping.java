package io.etcdj.server;

import io.etcdj.store.Store;
import io.etcdj.wal.FilePurger;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's periodic chores once it serves: the leader's SYNC that expires TTL keys on every
 * member alike (KEY-123), and the purge of old snapshot and WAL files (PER-049).
 *
 * <p>Thread-safety: the chores run on the timer thread given to {@link #start}; they only propose
 * and delete files, and a failure is logged, never thrown (the timer would stop).
 */
final class Housekeeping {
  /** SPEC KEY-123: expiry is driven by a SYNC proposal every 500 ms. */
  static final long SYNC_PERIOD_MS = 500;

  /** SPEC PER-049: old snapshot and WAL files are purged every 30 s. */
  static final long PURGE_PERIOD_MS = 30_000;

  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final ServerConfig config;
  private final Clock clock;
  private final Store store;
  private final RaftLoop raft;
  private final Proposals proposals;

  Housekeeping(ServerConfig config, Clock clock, Store store, RaftLoop raft, Proposals proposals) {
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.raft = raft;
    this.proposals = proposals;
  }

  void start(ScheduledExecutorService timers) {
    timers.scheduleWithFixedDelay(
        this::maybeSync, SYNC_PERIOD_MS, SYNC_PERIOD_MS, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(
        this::purge, PURGE_PERIOD_MS, PURGE_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** KEY-123: only the leader proposes a SYNC with its clock, and only when any key has a TTL. */
  private void maybeSync() {
    try {
      if (raft.observed().isLeader() && store.hasTtlKeys()) {
        proposals.propose(Request.sync(clock.instant()), null);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot propose SYNC: {}", e.toString());
    }
  }

  /** PER-049: keep at most --max-snapshots snapshot files and --max-wals WAL segments. */
  private void purge() {
    try {
      FilePurger.purge(config.snapPath(), "snap", (int) config.maxSnapshots());
      FilePurger.purge(config.walPath(), "wal", (int) config.maxWals());
    } catch (IOException | RuntimeException e) {
      LOG.warn("failed to purge old files: {}", e.toString());
    }
  }
}
