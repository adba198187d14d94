package io.etcdj.raft;

/** What the transport reports after trying to send a snapshot to a follower (RFT-013). */
public enum SnapshotStatus {
  /** The follower received the whole snapshot. */
  FINISH,
  /** Sending failed; the leader will probe again later. */
  FAILURE
}
