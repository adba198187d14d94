package io.etcdj.server.http.peer;

import io.etcdj.server.Member;
import java.util.List;

/**
 * What the peer port needs from the rest of the server, which implements it. Calls arrive on Netty
 * event loops and must return at once.
 *
 * <p>Thread-safety: implementations must be safe for concurrent calls.
 */
public interface PeerCluster {
  /** The members of the committed configuration, in any order (SPEC PTR-004). */
  List<Member> members();

  /** {@code 2.3.0} once decided, else {@code not_decided} (SPEC OTH-010). */
  String clusterVersion();
}
