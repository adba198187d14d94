package io.etcdj.server;

import io.etcdj.server.discovery.DiscoveryConfig;
import io.etcdj.server.proxy.ProxyConfig;
import io.etcdj.server.tls.TlsInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts raw flag values into a {@link ServerConfig} with etcd's error messages (SPEC FLG-005,
 * FLG-010, CLU-010..012).
 *
 * <p>Thread-safety: stateless.
 */
final class ServerConfigBuilder {
  private ServerConfigBuilder() {}

  static ServerConfig build(EtcdFlags f) throws FlagException {
    for (String removed : List.of("peers", "peers-file")) {
      if (f.isGiven(removed)) {
        throw new FlagException("flag \"-" + removed + "\" is no longer supported.", 1);
      }
    }
    if (!f.initialClusterState.equals("new") && !f.initialClusterState.equals("existing")) {
      throw new FlagException(
          "invalid value \""
              + f.initialClusterState
              + "\" for flag -initial-cluster-state: valid values are new,existing",
          2);
    }
    ProxyConfig.Mode proxyMode = ProxyConfig.Mode.parse(f.proxy);
    if (proxyMode == null) {
      throw new FlagException(
          "invalid value \"" + f.proxy + "\" for flag -proxy: valid values are off,readonly,on", 2);
    }
    if (!f.discoveryFallback.equals("exit") && !f.discoveryFallback.equals("proxy")) {
      throw new FlagException(
          "invalid value \""
              + f.discoveryFallback
              + "\" for flag -discovery-fallback: valid values are exit,proxy",
          2);
    }
    if (f.isGiven("listen-client-urls")
        && !f.isGiven("advertise-client-urls")
        && proxyMode == ProxyConfig.Mode.OFF) {
      throw new FlagException(
          "-advertise-client-urls is required when -listen-client-urls is set explicitly", 1);
    }
    int bootstrapFlags =
        (f.isGiven("initial-cluster") ? 1 : 0)
            + (f.discovery.isEmpty() ? 0 : 1)
            + (f.discoverySrv.isEmpty() ? 0 : 1);
    if (bootstrapFlags > 1) {
      throw new FlagException(
          "multiple discovery or bootstrap flags are set. Choose one of \"initial-cluster\","
              + " \"discovery\" or \"discovery-srv\"",
          1);
    }
    List<URI> advertisePeer = urls("initial-advertise-peer-urls", f.initialAdvertisePeerUrls);
    Map<String, List<String>> cluster;
    if (f.initialCluster.isEmpty()) {
      // CLU-011: <name>=<each advertised peer URL>
      StringBuilder b = new StringBuilder();
      for (URI u : advertisePeer) {
        b.append(b.length() == 0 ? "" : ",").append(f.name).append('=').append(u);
      }
      cluster = initialCluster(b.toString());
    } else {
      cluster = initialCluster(f.initialCluster);
    }
    List<String> cors = new ArrayList<>();
    for (String origin : f.cors.split(",")) {
      if (!origin.isBlank()) {
        cors.add(origin.trim());
      }
    }
    String dataDir = f.dataDir.isEmpty() ? f.name + ".etcd" : f.dataDir;
    ServerConfig config =
        new ServerConfig(
            f.name,
            dataDir,
            urls("listen-client-urls", f.listenClientUrls),
            urls("advertise-client-urls", f.advertiseClientUrls),
            urls("listen-peer-urls", f.listenPeerUrls),
            advertisePeer,
            cluster,
            // CLU-002: a discovery bootstrap hashes member IDs with the discovery URL.
            f.discovery.isEmpty() ? f.initialClusterToken : f.discovery,
            f.initialClusterState,
            cors,
            uint("snapshot-count", f.snapshotCount),
            uint("heartbeat-interval", f.heartbeatInterval),
            uint("election-timeout", f.electionTimeout),
            f.walDir,
            uint("max-snapshots", f.maxSnapshots),
            uint("max-wals", f.maxWals),
            GoFlagArgs.goBool(f.forceNewCluster),
            new ProxyConfig(
                proxyMode,
                uint("proxy-failure-wait", f.proxyFailureWait),
                uint("proxy-refresh-interval", f.proxyRefreshInterval),
                uint("proxy-dial-timeout", f.proxyDialTimeout),
                uint("proxy-write-timeout", f.proxyWriteTimeout),
                uint("proxy-read-timeout", f.proxyReadTimeout)),
            new DiscoveryConfig(
                f.discovery, f.discoveryProxy, f.discoveryFallback.equals("proxy"), f.discoverySrv),
            GoFlagArgs.goBool(f.strictReconfigCheck),
            new TlsInfo(
                f.certFile,
                f.keyFile,
                f.caFile,
                f.trustedCaFile,
                GoFlagArgs.goBool(f.clientCertAuth)),
            new TlsInfo(
                f.peerCertFile,
                f.peerKeyFile,
                f.peerCaFile,
                f.peerTrustedCaFile,
                GoFlagArgs.goBool(f.peerClientCertAuth)));
    config.validate();
    return config;
  }

  /** {@code name=url,name=url}; a name may repeat (CLU-010). */
  static Map<String, List<String>> initialCluster(String value) throws FlagException {
    Map<String, List<String>> cluster = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new FlagException(
            "invalid value \"" + value + "\" for flag -initial-cluster: parse error", 2);
      }
      String name = part.substring(0, eq);
      URI url = url("initial-cluster", value, part.substring(eq + 1).trim());
      cluster.computeIfAbsent(name, n -> new ArrayList<>()).add(url.toString());
    }
    for (List<String> urls : cluster.values()) {
      urls.sort(null);
    }
    return cluster;
  }

  /** A comma-separated URL list, each validated as etcd's {@code types.NewURLs} does. */
  static List<URI> urls(String flag, String value) throws FlagException {
    List<URI> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      urls.add(url(flag, value, part.trim()));
    }
    return urls;
  }

  private static URI url(String flag, String whole, String s) throws FlagException {
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw invalid(flag, whole, "parse " + s + ": " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (!List.of("http", "https", "unix", "unixs").contains(scheme)) {
      throw invalid(flag, whole, "URL scheme must be http, https, unix, or unixs: " + s);
    }
    if (u.getHost() == null || u.getPort() < 0) {
      throw invalid(flag, whole, "URL address does not have the form \"host:port\": " + s);
    }
    if (u.getPath() != null && !u.getPath().isEmpty()) {
      throw invalid(flag, whole, "URL must not contain a path: " + s);
    }
    return u;
  }

  private static long uint(String flag, String value) throws FlagException {
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new FlagException(
          "invalid value \"" + value + "\" for flag -" + flag + ": parse error", 2);
    }
  }

  private static FlagException invalid(String flag, String value, String why) {
    return new FlagException("invalid value \"" + value + "\" for flag -" + flag + ": " + why, 2);
  }
}
