package io.etcdj.raft;

/**
 * A member of a brand-new cluster: its id and the application's context for it (etcd stores the
 * member's JSON there), carried in the bootstrap ConfChange entry (RFT-002).
 */
public record Peer(long id, byte[] context) {
  public Peer {
    if (id == 0) {
      throw new IllegalArgumentException("peer id must not be 0");
    }
    context = context == null ? null : context.clone();
  }

  @Override
  public byte[] context() {
    return context == null ? null : context.clone();
  }
}
