package io.etcdj.server.transport;

import io.etcdj.server.tls.PeerTls;
import java.time.Duration;
import java.util.List;

/**
 * Everything the peer transport and the peer server need to know about the local member.
 *
 * <p>Thread-safety: immutable.
 *
 * @param localId this member's ID (SPEC CLU-001)
 * @param clusterId the cluster ID sent as {@code X-Etcd-Cluster-ID} and checked on every request
 * @param localPeerUrls this member's advertised peer URLs
 * @param serverVersion sent as {@code X-Server-Version}; etcd 2.3 sends {@code 2.3.8}
 * @param minClusterVersion sent as {@code X-Min-Cluster-Version}; etcd 2.3 sends {@code 2.2.0}
 * @param dialTimeout connect timeout; etcd uses 1 s plus the election timeout (SPEC PTR-027)
 * @param streamIdleTimeout a stream with no bytes for this long is dropped (5 s; SPEC PTR-024)
 * @param reconnectDelay pause between two stream dials to one peer (100 ms; SPEC PTR-020)
 * @param tls TLS of the peer listener and of dials to {@code https} peer URLs (SPEC FLG-042)
 */
public record TransportConfig(
    long localId,
    long clusterId,
    List<String> localPeerUrls,
    String serverVersion,
    String minClusterVersion,
    Duration dialTimeout,
    Duration streamIdleTimeout,
    Duration reconnectDelay,
    PeerTls tls) {

  /** The version etcd 2.3 announces. */
  public static final String SERVER_VERSION = "2.3.8";

  /** The oldest cluster version etcd 2.3 will talk to. */
  public static final String MIN_CLUSTER_VERSION = "2.2.0";

  public TransportConfig {
    localPeerUrls = List.copyOf(localPeerUrls);
    validate(localId, serverVersion, minClusterVersion, dialTimeout, streamIdleTimeout);
    if (tls == null) {
      throw new IllegalArgumentException("tls must not be null (use PeerTls.none())");
    }
  }

  /** Settings for a member on plain http. */
  public TransportConfig(
      long localId,
      long clusterId,
      List<String> localPeerUrls,
      String serverVersion,
      String minClusterVersion,
      Duration dialTimeout,
      Duration streamIdleTimeout,
      Duration reconnectDelay) {
    this(
        localId,
        clusterId,
        localPeerUrls,
        serverVersion,
        minClusterVersion,
        dialTimeout,
        streamIdleTimeout,
        reconnectDelay,
        PeerTls.none());
  }

  /** etcd 2.3's settings for a member on plain http with the given election timeout. */
  public static TransportConfig of(
      long localId, long clusterId, List<String> localPeerUrls, Duration electionTimeout) {
    return of(localId, clusterId, localPeerUrls, electionTimeout, PeerTls.none());
  }

  /** etcd 2.3's settings for a member with the given election timeout and peer TLS. */
  public static TransportConfig of(
      long localId,
      long clusterId,
      List<String> localPeerUrls,
      Duration electionTimeout,
      PeerTls tls) {
    return new TransportConfig(
        localId,
        clusterId,
        localPeerUrls,
        SERVER_VERSION,
        MIN_CLUSTER_VERSION,
        Duration.ofSeconds(1).plus(electionTimeout),
        Duration.ofSeconds(5),
        Duration.ofMillis(100),
        tls);
  }

  private static void validate(
      long localId,
      String serverVersion,
      String minClusterVersion,
      Duration dialTimeout,
      Duration streamIdleTimeout) {
    if (localId == 0) {
      throw new IllegalArgumentException("local member ID must not be 0");
    }
    if (SemVer.parse(serverVersion) == null || SemVer.parse(minClusterVersion) == null) {
      throw new IllegalArgumentException(
          "bad versions: " + serverVersion + ", " + minClusterVersion);
    }
    if (dialTimeout.isNegative() || dialTimeout.isZero()) {
      throw new IllegalArgumentException("dial timeout must be positive");
    }
    if (streamIdleTimeout.toMillis() < 3) {
      throw new IllegalArgumentException("stream idle timeout too short");
    }
  }

  /** Link heartbeats keep an idle stream alive: a third of the idle timeout (SPEC PTR-024). */
  public Duration heartbeatInterval() {
    return streamIdleTimeout.dividedBy(3);
  }

  /** IDs travel in headers and paths as lowercase hex without leading zeros. */
  public static String hex(long id) {
    return Long.toHexString(id);
  }
}
