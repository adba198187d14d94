package io.etcdj.server;

import io.etcdj.raft.raftpb.Message;
import java.util.List;

/**
 * Where the raft loop sends the messages of each {@code Ready} (DESIGN "The path of a write", step
 * 3). A single member has nobody to talk to ({@link #NONE}); the peer transport plugs in here for
 * clusters, and hands messages it receives to {@link RaftLoop#receive}.
 *
 * <p>Thread-safety: called only from the raft loop thread; implementations must not block it
 * (queue the messages and write them elsewhere).
 */
public interface PeerSender {
  /** A member alone in its cluster: raft addresses no messages to anyone. */
  PeerSender NONE = messages -> {};

  /** Sends the messages in order; a message that cannot be delivered may be dropped (RFT-015). */
  void send(List<Message> messages);
}
