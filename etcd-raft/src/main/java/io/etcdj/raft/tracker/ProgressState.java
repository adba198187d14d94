package io.etcdj.raft.tracker;

/**
 * How the leader currently replicates to one follower (etcd's progress states, see
 * raft/design.md in etcd). The names are those etcd 2.3 prints in its raft status (RFT-019).
 */
public enum ProgressState {
  /**
   * The leader does not know where the follower's log ends: it sends at most one append per
   * heartbeat interval and waits for the answer before sending more.
   */
  PROBE("ProgressStateProbe"),
  /** The follower is known to be in sync: appends are streamed optimistically (pipelined). */
  REPLICATE("ProgressStateReplicate"),
  /** The follower needs a snapshot; no appends are sent until its status is reported. */
  SNAPSHOT("ProgressStateSnapshot");

  private final String statusName;

  ProgressState(String statusName) {
    this.statusName = statusName;
  }

  /** The name used in the JSON status output. */
  public String statusName() {
    return statusName;
  }
}
