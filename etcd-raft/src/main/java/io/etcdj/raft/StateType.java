package io.etcdj.raft;

/** The role a raft node plays (Raft §5.1, thesis §9.6 for pre-candidates). */
public enum StateType {
  /** Follows a leader, or waits for one. */
  FOLLOWER("StateFollower"),
  /** Has bumped its term and asks for votes. */
  CANDIDATE("StateCandidate"),
  /** Leads the cluster for its term. */
  LEADER("StateLeader"),
  /** Asks whether it could win an election, without bumping its term (pre-vote). */
  PRE_CANDIDATE("StatePreCandidate");

  private final String statusName;

  StateType(String statusName) {
    this.statusName = statusName;
  }

  /** The name etcd uses in its status output (RFT-019). */
  public String statusName() {
    return statusName;
  }
}
