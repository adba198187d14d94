package io.etcdj.raft;

/**
 * A proposal was not accepted: there is no known leader, a leadership transfer is in progress,
 * or this node is no longer a member (RFT-008). The application answers its client with an
 * error or a timeout; raft never retries by itself.
 */
public final class ProposalDroppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProposalDroppedException(String message) {
    super(message, null, false, false);
  }
}
