package io.etcdj.server.transport;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.Message;

/**
 * What the transport needs from the raft side of the server. The raft state machine is driven by
 * one thread (STYLE 2, 3), so every method here is called from Netty event loops or other transport
 * threads and must only enqueue work for the raft thread: it must never block and never touch raft
 * state directly.
 *
 * <p>Thread-safety: implementations must be safe for concurrent calls from any thread.
 */
public interface RaftHandler {
  /**
   * Hands a received message to the raft thread. May drop the message when the receive queue is
   * full (SPEC PTR-025: dropped messages are tolerated by Raft).
   *
   * @throws RuntimeException when the message cannot be processed; the pipeline answers 500
   */
  void process(Message message);

  /** Whether {@code id} belongs to a member removed from the cluster (SPEC CLU-033). */
  boolean isIdRemoved(long id);

  /** A message to {@code id} could not be delivered (SPEC RFT-015, PTR-025). */
  void reportUnreachable(long id);

  /** The outcome of sending a MsgSnap to {@code id} (SPEC RFT-013). */
  void reportSnapshot(long id, SnapshotStatus status);

  /**
   * A peer told us that this member has been removed from the cluster (410 on a stream dial, 403 on
   * a pipeline POST; SPEC PTR-015, CLU-033). The member must stop.
   */
  void reportRemoved(long byPeer);
}
