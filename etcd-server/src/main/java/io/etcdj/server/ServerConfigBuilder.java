package io.etcdj.server;

import static io.etcdj.server.EtcdFlag.ADVERTISE_CLIENT_URLS;
import static io.etcdj.server.EtcdFlag.CA_FILE;
import static io.etcdj.server.EtcdFlag.CERT_FILE;
import static io.etcdj.server.EtcdFlag.CLIENT_CERT_AUTH;
import static io.etcdj.server.EtcdFlag.CORS;
import static io.etcdj.server.EtcdFlag.DATA_DIR;
import static io.etcdj.server.EtcdFlag.DISCOVERY;
import static io.etcdj.server.EtcdFlag.DISCOVERY_FALLBACK;
import static io.etcdj.server.EtcdFlag.DISCOVERY_PROXY;
import static io.etcdj.server.EtcdFlag.DISCOVERY_SRV;
import static io.etcdj.server.EtcdFlag.ELECTION_TIMEOUT;
import static io.etcdj.server.EtcdFlag.FORCE_NEW_CLUSTER;
import static io.etcdj.server.EtcdFlag.HEARTBEAT_INTERVAL;
import static io.etcdj.server.EtcdFlag.INITIAL_ADVERTISE_PEER_URLS;
import static io.etcdj.server.EtcdFlag.INITIAL_CLUSTER;
import static io.etcdj.server.EtcdFlag.INITIAL_CLUSTER_STATE;
import static io.etcdj.server.EtcdFlag.INITIAL_CLUSTER_TOKEN;
import static io.etcdj.server.EtcdFlag.INITIAL_ELECTION_TICK_ADVANCE;
import static io.etcdj.server.EtcdFlag.KEY_FILE;
import static io.etcdj.server.EtcdFlag.LISTEN_CLIENT_URLS;
import static io.etcdj.server.EtcdFlag.LISTEN_PEER_URLS;
import static io.etcdj.server.EtcdFlag.MAX_SNAPSHOTS;
import static io.etcdj.server.EtcdFlag.MAX_WALS;
import static io.etcdj.server.EtcdFlag.NAME;
import static io.etcdj.server.EtcdFlag.PEERS;
import static io.etcdj.server.EtcdFlag.PEERS_FILE;
import static io.etcdj.server.EtcdFlag.PEER_CA_FILE;
import static io.etcdj.server.EtcdFlag.PEER_CERT_FILE;
import static io.etcdj.server.EtcdFlag.PEER_CLIENT_CERT_AUTH;
import static io.etcdj.server.EtcdFlag.PEER_KEY_FILE;
import static io.etcdj.server.EtcdFlag.PEER_TRUSTED_CA_FILE;
import static io.etcdj.server.EtcdFlag.PROXY;
import static io.etcdj.server.EtcdFlag.PROXY_DIAL_TIMEOUT;
import static io.etcdj.server.EtcdFlag.PROXY_FAILURE_WAIT;
import static io.etcdj.server.EtcdFlag.PROXY_READ_TIMEOUT;
import static io.etcdj.server.EtcdFlag.PROXY_REFRESH_INTERVAL;
import static io.etcdj.server.EtcdFlag.PROXY_WRITE_TIMEOUT;
import static io.etcdj.server.EtcdFlag.SNAPSHOT_COUNT;
import static io.etcdj.server.EtcdFlag.STRICT_RECONFIG_CHECK;
import static io.etcdj.server.EtcdFlag.TRUSTED_CA_FILE;
import static io.etcdj.server.EtcdFlag.WAL_DIR;

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
    for (EtcdFlag removed : List.of(PEERS, PEERS_FILE)) {
      if (f.isGiven(removed)) {
        throw new FlagException("flag \"-" + removed.goName + "\" is no longer supported.", 1);
      }
    }
    // FLG-033, FLG-036, FLG-040: etcd's StringsFlag refuses other values with Go's words and its
    // own bare "invalid value".
    if (!f.get(INITIAL_CLUSTER_STATE).equals("new")
        && !f.get(INITIAL_CLUSTER_STATE).equals("existing")) {
      throw invalid("initial-cluster-state", f.get(INITIAL_CLUSTER_STATE), "invalid value");
    }
    ProxyConfig.Mode proxyMode = ProxyConfig.Mode.parse(f.get(PROXY));
    if (proxyMode == null) {
      throw invalid("proxy", f.get(PROXY), "invalid value");
    }
    if (!f.get(DISCOVERY_FALLBACK).equals("exit") && !f.get(DISCOVERY_FALLBACK).equals("proxy")) {
      throw invalid("discovery-fallback", f.get(DISCOVERY_FALLBACK), "invalid value");
    }
    // GOT-012: a member must advertise the client URLs it listens on, unless it is, or may become,
    // a proxy: etcd lets --discovery with the proxy fallback off the hook too, since a full
    // discovery cluster turns the member into a proxy, which advertises nothing.
    boolean mayBecomeProxy =
        f.isGiven(DISCOVERY) && f.get(DISCOVERY_FALLBACK).equals("proxy");
    if (f.isGiven(LISTEN_CLIENT_URLS)
        && !f.isGiven(ADVERTISE_CLIENT_URLS)
        && proxyMode == ProxyConfig.Mode.OFF
        && !mayBecomeProxy) {
      throw new FlagException(
          "-advertise-client-urls is required when -listen-client-urls is set explicitly", 1);
    }
    // CLU-012: etcd 2.3 counts the flags that were set, on the command line or through ETCD_*,
    // even to an empty value (3.4 counts non-empty values).
    int bootstrapFlags =
        (f.isGiven(INITIAL_CLUSTER) ? 1 : 0)
            + (f.isGiven(DISCOVERY) ? 1 : 0)
            + (f.isGiven(DISCOVERY_SRV) ? 1 : 0);
    if (bootstrapFlags > 1) {
      throw new FlagException(
          "multiple discovery or bootstrap flags are set. Choose one of \"initial-cluster\","
              + " \"discovery\" or \"discovery-srv\"",
          1);
    }
    List<URI> advertisePeer =
        urls("initial-advertise-peer-urls", f.get(INITIAL_ADVERTISE_PEER_URLS));
    Map<String, List<String>> cluster;
    if (f.get(INITIAL_CLUSTER).isEmpty()) {
      // CLU-011: <name>=<each advertised peer URL>
      StringBuilder b = new StringBuilder();
      for (URI u : advertisePeer) {
        b.append(b.length() == 0 ? "" : ",").append(f.get(NAME)).append('=').append(u);
      }
      cluster = initialCluster(b.toString());
    } else {
      cluster = initialCluster(f.get(INITIAL_CLUSTER));
    }
    List<String> cors = new ArrayList<>();
    for (String origin : f.get(CORS).split(",")) {
      if (!origin.isBlank()) {
        cors.add(origin.trim());
      }
    }
    String dataDir = f.get(DATA_DIR).isEmpty() ? f.get(NAME) + ".etcd" : f.get(DATA_DIR);
    ServerConfig config =
        new ServerConfig(
            f.get(NAME),
            dataDir,
            urls("listen-client-urls", f.get(LISTEN_CLIENT_URLS)),
            urls("advertise-client-urls", f.get(ADVERTISE_CLIENT_URLS)),
            urls("listen-peer-urls", f.get(LISTEN_PEER_URLS)),
            advertisePeer,
            cluster,
            // CLU-002: a discovery bootstrap hashes member IDs with the discovery URL.
            f.get(DISCOVERY).isEmpty() ? f.get(INITIAL_CLUSTER_TOKEN) : f.get(DISCOVERY),
            f.get(INITIAL_CLUSTER_STATE),
            cors,
            uint("snapshot-count", f.get(SNAPSHOT_COUNT)),
            uint("heartbeat-interval", f.get(HEARTBEAT_INTERVAL)),
            uint("election-timeout", f.get(ELECTION_TIMEOUT)),
            f.get(WAL_DIR),
            uint("max-snapshots", f.get(MAX_SNAPSHOTS)),
            uint("max-wals", f.get(MAX_WALS)),
            f.isSet(FORCE_NEW_CLUSTER),
            new ProxyConfig(
                proxyMode,
                uint("proxy-failure-wait", f.get(PROXY_FAILURE_WAIT)),
                uint("proxy-refresh-interval", f.get(PROXY_REFRESH_INTERVAL)),
                uint("proxy-dial-timeout", f.get(PROXY_DIAL_TIMEOUT)),
                uint("proxy-write-timeout", f.get(PROXY_WRITE_TIMEOUT)),
                uint("proxy-read-timeout", f.get(PROXY_READ_TIMEOUT))),
            new DiscoveryConfig(
                f.get(DISCOVERY),
                f.get(DISCOVERY_PROXY),
                f.get(DISCOVERY_FALLBACK).equals("proxy"),
                f.get(DISCOVERY_SRV)),
            f.isSet(STRICT_RECONFIG_CHECK),
            f.isSet(INITIAL_ELECTION_TICK_ADVANCE),
            new TlsInfo(
                f.get(CERT_FILE),
                f.get(KEY_FILE),
                f.get(CA_FILE),
                f.get(TRUSTED_CA_FILE),
                f.isSet(CLIENT_CERT_AUTH)),
            new TlsInfo(
                f.get(PEER_CERT_FILE),
                f.get(PEER_KEY_FILE),
                f.get(PEER_CA_FILE),
                f.get(PEER_TRUSTED_CA_FILE),
                f.isSet(PEER_CLIENT_CERT_AUTH)),
            f.commandLine());
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
