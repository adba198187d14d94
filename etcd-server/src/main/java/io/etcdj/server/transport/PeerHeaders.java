package io.etcdj.server.transport;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * The headers every peer request carries and the receiver's admission check on them (SPEC
 * PTR-010..012).
 *
 * <p>Thread-safety: stateless.
 */
public final class PeerHeaders {
  // Names are written as Go canonicalizes them on the wire (X-Etcd-Cluster-ID becomes
  // X-Etcd-Cluster-Id), so our requests and answers look byte for byte like etcd's.
  public static final String SERVER_FROM = "X-Server-From";
  public static final String SERVER_VERSION = "X-Server-Version";
  public static final String MIN_CLUSTER_VERSION = "X-Min-Cluster-Version";
  public static final String CLUSTER_ID = "X-Etcd-Cluster-Id";
  public static final String RAFT_TO = "X-Raft-To";
  public static final String PEER_URLS = "X-Peerurls";

  /** The 412 body for a version the local member cannot work with (PTR-012). */
  public static final String INCOMPATIBLE_VERSION = "incompatible version";

  /** The 412 body for a request from another cluster (PTR-012). */
  public static final String CLUSTER_ID_MISMATCH = "cluster ID mismatch";

  private PeerHeaders() {}

  /** Sets the headers shared by pipeline POSTs and stream GETs (PTR-010, PTR-011). */
  static void setCommon(HttpHeaders h, TransportConfig config) {
    h.set(SERVER_FROM, TransportConfig.hex(config.localId()));
    h.set(SERVER_VERSION, config.serverVersion());
    h.set(MIN_CLUSTER_VERSION, config.minClusterVersion());
    h.set(CLUSTER_ID, TransportConfig.hex(config.clusterId()));
    if (!config.localPeerUrls().isEmpty()) {
      h.set(PEER_URLS, String.join(",", config.localPeerUrls()));
    }
  }

  /**
   * The receiver's check, in etcd's order (PTR-012): first versions, then the cluster ID. Missing
   * version headers count as 2.0.0, which a 2.3 member refuses.
   *
   * @return the 412 body (without newline) when the request must be refused
   */
  public static Optional<String> rejection(HttpHeaders h, TransportConfig local) {
    SemVer remoteServer = versionOrDefault(h.get(SERVER_VERSION));
    SemVer remoteMinCluster = versionOrDefault(h.get(MIN_CLUSTER_VERSION));
    SemVer localServer = SemVer.parse(local.serverVersion());
    SemVer localMinCluster = SemVer.parse(local.minClusterVersion());
    // The remote is too old for us, or we are too old for the cluster the remote wants.
    if (remoteServer.compareTo(localMinCluster) < 0
        || remoteMinCluster.compareTo(localServer) > 0) {
      return Optional.of(INCOMPATIBLE_VERSION);
    }
    if (!TransportConfig.hex(local.clusterId()).equals(h.get(CLUSTER_ID))) {
      return Optional.of(CLUSTER_ID_MISMATCH);
    }
    return Optional.empty();
  }

  private static SemVer versionOrDefault(String text) {
    if (text == null || text.isEmpty()) {
      return SemVer.DEFAULT;
    }
    SemVer v = SemVer.parse(text);
    // etcd cannot parse a malformed version either and treats the request as incompatible.
    return v == null ? new SemVer(0, 0) : v;
  }
}
