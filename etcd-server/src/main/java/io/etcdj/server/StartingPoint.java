package io.etcdj.server;

import io.etcdj.raft.RaftConfig;
import io.etcdj.store.Store;
import io.etcdj.wal.Wal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Where a member starts from: its data dir, opened or created, with the IDs it holds, the raft node
 * that continues from it, and the members to dial. A member without a WAL checks its initial
 * cluster first (CLU-017, {@link BootstrapCheck}); one joining a running cluster takes its IDs and
 * membership from it (CLU-016); one with a WAL recovers its store and raft log (PER-048) and dials
 * the membership it recovered.
 *
 * @param peers the members to dial, this one included
 */
record StartingPoint(DataDir dir, RaftStart raft, List<Member> peers) {
  /**
   * @param memberId, clusterId the IDs the configuration gives a new member of a new cluster
   * @param store filled from the newest snapshot of an existing data dir
   * @param reportedStarted CLU-014's answer for a new member ({@link BootstrapCheck})
   * @throws UncheckedIOException if the data dir cannot be opened (the message names the file)
   * @throws IllegalStateException if the initial cluster does not fit
   */
  static StartingPoint open(
      ServerConfig config, long memberId, long clusterId, Store store, boolean reportedStarted) {
    boolean haveWal = walExists(config);
    boolean joining = config.clusterState().equals("existing");
    if (!haveWal && joining) {
      BootstrapCheck.verifyJoinExisting(config);
    } else if (!haveWal) {
      BootstrapCheck.verifyNewCluster(config, reportedStarted);
    }
    RaftStart.logSettings(config);
    ExistingCluster existing = null;
    if (joining && !haveWal) {
      existing = ExistingCluster.fetch(config);
      memberId = existing.localId();
      clusterId = existing.clusterId();
    }
    DataDir dir;
    try {
      dir = DataDir.open(config, memberId, clusterId, store);
    } catch (IOException e) {
      throw cannotOpen(config, e);
    }
    RaftConfig raftConfig =
        RaftConfig.defaults(dir.memberId(), dir.storage())
            .withTicks(config.electionTicks(), 1)
            // RFT-004: etcd 2.3 runs raft with CheckQuorum, so a leader cut off from a quorum
            // steps down after an election timeout instead of holding on to its clients.
            .withCheckQuorum(true)
            .withRandomSeed(dir.memberId() ^ SystemClock.nanoTime())
            .withLogger(new RaftLogAdapter());
    RaftStart raft = RaftStart.from(config, dir, raftConfig, existing != null);
    List<Member> peers =
        !dir.fresh()
            ? Membership.members(store)
            : existing != null ? existing.members() : RaftStart.initialMembers(config);
    return new StartingPoint(dir, raft, peers);
  }

  static boolean walExists(ServerConfig config) {
    try {
      return Wal.exists(config.walPath());
    } catch (IOException e) {
      throw cannotOpen(config, e);
    }
  }

  private static UncheckedIOException cannotOpen(ServerConfig config, IOException e) {
    return new UncheckedIOException(
        "cannot open the data dir " + config.dataDir() + ": " + e.getMessage(), e);
  }
}
