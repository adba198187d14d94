package io.etcdj.raft;

import io.etcdj.raft.raftpb.Message;

/**
 * The behaviour of one raft role after the term rules have been applied in {@link Raft#step}
 * (STYLE rule 5): how it reacts to a message and to the passing of time.
 *
 * <p>Not thread-safe: owned by the raft state machine.
 */
interface Role {
  /** Handles a message whose term is current (or a local message, term 0). */
  void step(Message m);

  /** One logical clock tick (RFT-001). */
  void tick();
}
