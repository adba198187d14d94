package io.etcdj.server.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a peer is reachable, logging each change once (SPEC PTR-030) instead of every failed
 * attempt.
 *
 * <p>Thread-safety: thread-safe; synchronized on the status.
 */
final class PeerStatus {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  private final String peerHex;
  private boolean active;

  PeerStatus(long peerId) {
    this.peerHex = TransportConfig.hex(peerId);
  }

  synchronized void activate() {
    if (!active) {
      LOG.info("the connection with {} became active", peerHex);
      LOG.info("peer {} became active", peerHex);
      active = true;
    }
  }

  /**
   * @param failure what failed, e.g. {@code failed to dial 2 on stream Message (refused)}
   */
  synchronized void deactivate(String failure) {
    if (active) {
      LOG.error("{}", failure);
      LOG.info("the connection with {} became inactive", peerHex);
      LOG.info("peer {} became inactive", peerHex);
      active = false;
    } else {
      LOG.debug("{}", failure);
    }
  }

  synchronized boolean isActive() {
    return active;
  }
}
