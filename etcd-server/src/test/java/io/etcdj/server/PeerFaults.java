package io.etcdj.server;

/**
 * Test access to a member's peer side from other test packages: cutting it off from its peers (a
 * partition, both ways) and healing it, and how many snapshots it has received over the peer
 * transport.
 *
 * <p>Thread-safety: stateless; the member's peer network is thread-safe.
 */
public final class PeerFaults {
  private PeerFaults() {}

  /** Drops every raft message between {@code m} and all its peers, both ways, until healed. */
  public static void isolate(EmbeddedEtcd m) {
    network(m).cut(peer -> true);
  }

  /** Ends {@link #isolate}. */
  public static void heal(EmbeddedEtcd m) {
    network(m).cut(null);
  }

  /** MsgSnap messages {@code m} has received from its peers since it started (RFT-013). */
  public static long snapshotsReceived(EmbeddedEtcd m) {
    return network(m).snapshotsReceived();
  }

  private static PeerNetwork network(EmbeddedEtcd m) {
    PeerNetwork net = m.server().peerNetwork();
    if (net == null) {
      throw new IllegalStateException("member " + m.clientUrl() + " has no peer network");
    }
    return net;
  }
}
