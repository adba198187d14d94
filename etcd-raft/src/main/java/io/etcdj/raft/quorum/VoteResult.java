package io.etcdj.raft.quorum;

/** The outcome of counting votes in an election (Raft §5.2). */
public enum VoteResult {
  /** Not enough votes yet in either direction; keep waiting. */
  PENDING,
  /** A majority of voters rejected the candidate. */
  LOST,
  /** A majority of voters granted their vote. */
  WON
}
