package io.etcdj.server;

import io.etcdj.server.discovery.DiscoveryConfig;
import io.etcdj.server.proxy.ProxyConfig;
import io.etcdj.server.tls.TlsInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration of one member (STYLE 10): everything the server needs from the
 * command line, already parsed.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name {@code --name}
 * @param dataDir {@code --data-dir} (default {@code <name>.etcd}, FLG-009)
 * @param listenClientUrls where the client server listens (FLG-027)
 * @param advertiseClientUrls what the member publishes (FLG-035)
 * @param listenPeerUrls {@code --listen-peer-urls} (served when the cluster has more than one
 *     member)
 * @param advertisePeerUrls {@code --initial-advertise-peer-urls}
 * @param initialCluster name -> sorted peer URLs (CLU-010)
 * @param clusterToken {@code --initial-cluster-token}
 * @param clusterState {@code new} or {@code existing}
 * @param corsOrigins allowed CORS origins; empty means no CORS headers (OTH-004, 2.3)
 * @param snapshotCount {@code --snapshot-count}
 * @param heartbeatMs {@code --heartbeat-interval}
 * @param electionMs {@code --election-timeout}
 * @param walDir {@code --wal-dir}; empty means {@code <data-dir>/member/wal}
 * @param maxSnapshots {@code --max-snapshots}: snapshot files kept, 0 = keep all (PER-049)
 * @param maxWals {@code --max-wals}: WAL segments kept, 0 = keep all (PER-049)
 * @param forceNewCluster {@code --force-new-cluster}
 * @param proxy {@code --proxy} and its timeouts (CLU-070..077)
 * @param discovery {@code --discovery}, {@code --discovery-proxy}, {@code --discovery-fallback} and
 *     {@code --discovery-srv} (CLU-050..062)
 * @param strictReconfigCheck {@code --strict-reconfig-check} (CLU-035)
 * @param electionTickAdvance {@code --initial-election-tick-advance} (etcd 3.4; RFT-009)
 * @param clientTls {@code --cert-file}, {@code --key-file}, {@code --ca-file}, {@code
 *     --trusted-ca-file}, {@code --client-cert-auth} (FLG-041)
 * @param peerTls the same flags with {@code --peer-} (FLG-042)
 * @param commandLine the process arguments as Go's {@code os.Args} holds them, {@code etcd}
 *     first (the {@code cmdline} of {@code /debug/vars}, OTH-014)
 */
public record ServerConfig(
    String name,
    String dataDir,
    List<URI> listenClientUrls,
    List<URI> advertiseClientUrls,
    List<URI> listenPeerUrls,
    List<URI> advertisePeerUrls,
    Map<String, List<String>> initialCluster,
    String clusterToken,
    String clusterState,
    List<String> corsOrigins,
    long snapshotCount,
    long heartbeatMs,
    long electionMs,
    String walDir,
    long maxSnapshots,
    long maxWals,
    boolean forceNewCluster,
    ProxyConfig proxy,
    DiscoveryConfig discovery,
    boolean strictReconfigCheck,
    boolean electionTickAdvance,
    TlsInfo clientTls,
    TlsInfo peerTls,
    List<String> commandLine) {

  public ServerConfig {
    listenClientUrls = List.copyOf(listenClientUrls);
    advertiseClientUrls = List.copyOf(advertiseClientUrls);
    listenPeerUrls = List.copyOf(listenPeerUrls);
    advertisePeerUrls = List.copyOf(advertisePeerUrls);
    initialCluster = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initialCluster));
    corsOrigins = List.copyOf(corsOrigins);
    commandLine = List.copyOf(commandLine);
  }

  /**
   * Checks the rules etcd checks when it reads its flags (FLG-005). Those about the initial
   * cluster wait until the member knows it has no WAL ({@link BootstrapCheck}, CLU-017).
   */
  public void validate() throws FlagException {
    if (electionMs < 5 * heartbeatMs) {
      throw new FlagException(
          "-election-timeout["
              + electionMs
              + "ms] should be at least as 5 times as -heartbeat-interval["
              + heartbeatMs
              + "ms]",
          1);
    }
    if (electionMs > 50000) {
      throw new FlagException(
          "-election-timeout["
              + electionMs
              + "ms] is too long, and should be set less than 50000ms",
          1);
    }
  }

  /**
   * The same configuration bootstrapping {@code cluster} instead: the members a discovery found
   * (CLU-053). The token stays the discovery URL, so member IDs are those of CLU-002.
   */
  public ServerConfig withInitialCluster(Map<String, List<String>> cluster) {
    return new ServerConfig(
        name,
        dataDir,
        listenClientUrls,
        advertiseClientUrls,
        listenPeerUrls,
        advertisePeerUrls,
        cluster,
        clusterToken,
        clusterState,
        corsOrigins,
        snapshotCount,
        heartbeatMs,
        electionMs,
        walDir,
        maxSnapshots,
        maxWals,
        forceNewCluster,
        proxy,
        discovery,
        strictReconfigCheck,
        electionTickAdvance,
        clientTls,
        peerTls,
        commandLine);
  }

  /** The same configuration as a proxy: a member whose discovery found the cluster full. */
  public ServerConfig asProxy() {
    return new ServerConfig(
        name,
        dataDir,
        listenClientUrls,
        advertiseClientUrls,
        listenPeerUrls,
        advertisePeerUrls,
        initialCluster,
        clusterToken,
        clusterState,
        corsOrigins,
        snapshotCount,
        heartbeatMs,
        electionMs,
        walDir,
        maxSnapshots,
        maxWals,
        forceNewCluster,
        proxy.withMode(ProxyConfig.Mode.ON),
        discovery,
        strictReconfigCheck,
        electionTickAdvance,
        clientTls,
        peerTls,
        commandLine);
  }

  /**
   * The TLS of a proxy's connections to the members' client URLs: the client TLS flags, or the peer
   * ones when none is given (etcd's compatibility rule, CLU-076).
   */
  public TlsInfo proxyClientTls() {
    return clientTls.empty() ? peerTls : clientTls;
  }

  /** Where the WAL segments live: {@code --wal-dir}, or {@code <data-dir>/member/wal}. */
  public java.nio.file.Path walPath() {
    return walDir.isEmpty()
        ? java.nio.file.Path.of(dataDir, "member", "wal")
        : java.nio.file.Path.of(walDir);
  }

  /** Where the snapshot files live: {@code <data-dir>/member/snap}. */
  public java.nio.file.Path snapPath() {
    return java.nio.file.Path.of(dataDir, "member", "snap");
  }

  /** Ticks of {@code --heartbeat-interval} in {@code --election-timeout} (RFT-001). */
  public int electionTicks() {
    return (int) (electionMs / heartbeatMs);
  }

  /**
   * This member's ID (CLU-001), or 0 when {@code --initial-cluster} does not name it: a restart
   * takes its ID from the WAL and ignores the flag (CLU-017); a new member stops first.
   */
  public long memberId() {
    List<String> urls = initialCluster.get(name);
    return urls == null ? 0 : ClusterIds.memberId(urls, clusterToken);
  }

  /** The cluster ID over every member of {@code --initial-cluster} (CLU-004). */
  public long clusterId() {
    List<Long> ids = new ArrayList<>();
    for (List<String> urls : initialCluster.values()) {
      ids.add(ClusterIds.memberId(urls, clusterToken));
    }
    return ClusterIds.clusterId(ids);
  }
}
