package io.etcdj.server;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * etcd 2.3's command-line flags (SPEC 5.2): each one's Go name, default, help text and the part of
 * the help it is listed in. Flags of other etcd versions that scripts pass are accepted too: 3.4's
 * {@code --enable-v2}, 2.3's experimental ones (FLG-047), and the legacy ones (FLG-006, FLG-007),
 * which the help does not list.
 *
 * <p>The URL defaults are 2.3's: each names the IANA port (2379 for clients, 2380 for peers) and
 * the legacy one of etcd 0.4 (4001, 7001), so a member started without URL flags listens on four
 * ports and its default ID is {@code ce2a822cea30bfca} (FLG-026, FLG-027, FLG-031, FLG-035,
 * GOT-025); etcd 3.4 dropped the legacy ports.
 *
 * <p>A plain table rather than annotations read by reflection: reading 50 annotated fields with
 * picocli cost a member a fifth of a second of its start, interpreted code that early.
 */
enum EtcdFlag {
  NAME("name", "default", Section.MEMBER, "human-readable name for this member."),
  DATA_DIR("data-dir", "", Section.MEMBER, "path to the data directory ('${name}.etcd' if empty)."),
  WAL_DIR("wal-dir", "", Section.MEMBER, "path to a dedicated WAL directory."),
  SNAPSHOT_COUNT(
      "snapshot-count", "10000", Section.MEMBER, "applied entries between two snapshots to disk."),
  HEARTBEAT_INTERVAL(
      "heartbeat-interval",
      "100",
      Section.MEMBER,
      "time (in milliseconds) of a heartbeat interval."),
  ELECTION_TIMEOUT(
      "election-timeout",
      "1000",
      Section.MEMBER,
      "time (in milliseconds) a follower waits for the leader before it campaigns."),
  INITIAL_ELECTION_TICK_ADVANCE(
      "initial-election-tick-advance", "true", Section.MEMBER,
      "(etcd 3.4) bring the first election closer once two peers are connected.", true),
  LISTEN_PEER_URLS(
      "listen-peer-urls",
      "http://localhost:2380,http://localhost:7001",
      Section.MEMBER,
      "URLs to listen on for peer traffic, comma-separated."),
  LISTEN_CLIENT_URLS(
      "listen-client-urls",
      "http://localhost:2379,http://localhost:4001",
      Section.MEMBER,
      "URLs to listen on for client traffic, comma-separated."),
  MAX_SNAPSHOTS("max-snapshots", "5", Section.MEMBER, "snapshot files to keep (0 keeps them all)."),
  MAX_WALS("max-wals", "5", Section.MEMBER, "WAL files to keep (0 keeps them all)."),
  CORS("cors", "", Section.MEMBER, "origins allowed for CORS, comma-separated ('*' for any)."),

  INITIAL_ADVERTISE_PEER_URLS(
      "initial-advertise-peer-urls",
      "http://localhost:2380,http://localhost:7001",
      Section.CLUSTERING,
      "this member's peer URLs to tell the rest of the cluster."),
  INITIAL_CLUSTER(
      "initial-cluster",
      "",
      Section.CLUSTERING,
      "name=peer-URL pairs of every member, for bootstrapping ('<name>=<advertised peer URLs>'"
          + " if empty)."),
  INITIAL_CLUSTER_STATE(
      "initial-cluster-state",
      "new",
      Section.CLUSTERING,
      "'new' for a new cluster, 'existing' to join one that runs."),
  INITIAL_CLUSTER_TOKEN(
      "initial-cluster-token",
      "etcd-cluster",
      Section.CLUSTERING,
      "token that sets the new cluster's ID apart from other clusters'."),
  ADVERTISE_CLIENT_URLS(
      "advertise-client-urls",
      "http://localhost:2379,http://localhost:4001",
      Section.CLUSTERING,
      "this member's client URLs to tell the rest of the cluster."),
  DISCOVERY("discovery", "", Section.CLUSTERING, "discovery URL used to bootstrap the cluster."),
  DISCOVERY_FALLBACK(
      "discovery-fallback",
      "proxy",
      Section.CLUSTERING,
      "when discovery finds the cluster full: 'exit' or 'proxy'."),
  DISCOVERY_PROXY(
      "discovery-proxy", "", Section.CLUSTERING, "HTTP proxy for the discovery service."),
  DISCOVERY_SRV(
      "discovery-srv",
      "",
      Section.CLUSTERING,
      "DNS domain whose SRV records bootstrap the cluster."),
  STRICT_RECONFIG_CHECK(
      "strict-reconfig-check",
      "false",
      Section.CLUSTERING,
      "refuse membership changes that could cost the cluster its quorum.",
      true),

  PROXY("proxy", "off", Section.PROXY, "proxy mode: 'off', 'readonly' or 'on'."),
  PROXY_FAILURE_WAIT(
      "proxy-failure-wait",
      "5000",
      Section.PROXY,
      "time (in milliseconds) an endpoint stays failed before it is tried again."),
  PROXY_REFRESH_INTERVAL(
      "proxy-refresh-interval",
      "30000",
      Section.PROXY,
      "time (in milliseconds) between refreshes of the endpoints."),
  PROXY_DIAL_TIMEOUT(
      "proxy-dial-timeout",
      "1000",
      Section.PROXY,
      "time (in milliseconds) a connection to an endpoint may take (0 waits forever)."),
  PROXY_WRITE_TIMEOUT(
      "proxy-write-timeout",
      "5000",
      Section.PROXY,
      "time (in milliseconds) a write to an endpoint may take (0 waits forever)."),
  PROXY_READ_TIMEOUT(
      "proxy-read-timeout",
      "0",
      Section.PROXY,
      "time (in milliseconds) a read from an endpoint may take (0 waits forever)."),

  CA_FILE(
      "ca-file",
      "",
      Section.SECURITY,
      "deprecated: a client CA file; the same as --trusted-ca-file with --client-cert-auth."),
  CERT_FILE("cert-file", "", Section.SECURITY, "certificate for the client port's TLS."),
  KEY_FILE("key-file", "", Section.SECURITY, "key for the client port's TLS."),
  CLIENT_CERT_AUTH(
      "client-cert-auth",
      "false",
      Section.SECURITY,
      "clients must present a certificate signed by --trusted-ca-file.",
      true),
  TRUSTED_CA_FILE("trusted-ca-file", "", Section.SECURITY, "CAs for client certificates."),
  PEER_CA_FILE(
      "peer-ca-file",
      "",
      Section.SECURITY,
      "deprecated: a peer CA file; the same as --peer-trusted-ca-file with"
          + " --peer-client-cert-auth."),
  PEER_CERT_FILE(
      "peer-cert-file",
      "",
      Section.SECURITY,
      "certificate for the peer port's TLS, also shown to the peers this member dials."),
  PEER_KEY_FILE("peer-key-file", "", Section.SECURITY, "key for the peer port's TLS."),
  PEER_CLIENT_CERT_AUTH(
      "peer-client-cert-auth",
      "false",
      Section.SECURITY,
      "peers must present a certificate signed by --peer-trusted-ca-file.",
      true),
  PEER_TRUSTED_CA_FILE(
      "peer-trusted-ca-file", "", Section.SECURITY, "CAs for peer certificates, both ways."),

  DEBUG("debug", "false", Section.LOGGING, "log at debug level.", true),
  LOG_PACKAGE_LEVELS(
      "log-package-levels",
      "",
      Section.LOGGING,
      "per-package log levels, e.g. 'etcdmain=CRITICAL,etcdserver=DEBUG'."),

  FORCE_NEW_CLUSTER(
      "force-new-cluster",
      "false",
      Section.UNSAFE,
      "make this member a cluster of one from its data, dropping every other member.",
      true),

  ENABLE_PPROF(
      "enable-pprof", "false", Section.PROFILING, "accepted; there is no Go profiler here.", true),

  VERSION("version", "false", Section.HIDDEN, "", true),
  /** etcd 3.4's switch for the v2 API, which is always on here. */
  ENABLE_V2("enable-v2", "true", Section.HIDDEN, "", true),
  EXPERIMENTAL_V3DEMO(
      "experimental-v3demo", "false", Section.EXPERIMENTAL, "accepted and ignored.", true),
  EXPERIMENTAL_GRPC_ADDR(
      "experimental-gRPC-addr", "127.0.0.1:2378", Section.EXPERIMENTAL, "accepted and ignored."),
  EXPERIMENTAL_AUTO_COMPACTION_RETENTION(
      "experimental-auto-compaction-retention", "0", Section.EXPERIMENTAL, "accepted and ignored."),

  CLUSTER_ACTIVE_SIZE("cluster-active-size"),
  CLUSTER_REMOVE_DELAY("cluster-remove-delay"),
  CLUSTER_SYNC_INTERVAL("cluster-sync-interval"),
  CONFIG("config"),
  FORCE("force", true),
  MAX_RESULT_BUFFER("max-result-buffer"),
  MAX_RETRY_ATTEMPTS("max-retry-attempts"),
  PEER_HEARTBEAT_INTERVAL("peer-heartbeat-interval"),
  PEER_ELECTION_TIMEOUT("peer-election-timeout"),
  RETRY_INTERVAL("retry-interval"),
  SNAPSHOT("snapshot", true),
  V("v", true),
  VV("vv", true),
  ADDR("addr"),
  BIND_ADDR("bind-addr"),
  PEER_ADDR("peer-addr"),
  PEER_BIND_ADDR("peer-bind-addr"),
  PEERS("peers"),
  PEERS_FILE("peers-file");

  /** Where the help lists a flag; hidden and legacy flags are not listed. */
  enum Section {
    MEMBER("member"),
    CLUSTERING("clustering"),
    PROXY("proxy"),
    SECURITY("security"),
    LOGGING("logging"),
    UNSAFE("unsafe"),
    PROFILING("profiling"),
    EXPERIMENTAL("experimental"),
    HIDDEN(null),
    LEGACY(null);

    final String title;

    Section(String title) {
      this.title = title;
    }
  }

  private static final Map<String, EtcdFlag> BY_NAME = new HashMap<>();

  static {
    for (EtcdFlag f : values()) {
      BY_NAME.put(f.goName, f);
    }
  }

  /** The name after the dashes, as Go's flag package and the help spell it. */
  final String goName;

  final String defaultValue;
  final Section section;
  final String help;

  /** Takes no value of its own: {@code --flag} means true (FLG-001). */
  final boolean isBoolean;

  EtcdFlag(String goName, String defaultValue, Section section, String help) {
    this(goName, defaultValue, section, help, false);
  }

  EtcdFlag(String goName, String defaultValue, Section section, String help, boolean isBoolean) {
    this.goName = goName;
    this.defaultValue = defaultValue;
    this.section = section;
    this.help = help;
    this.isBoolean = isBoolean;
  }

  /** A legacy flag (FLG-006, FLG-007): accepted, not listed, no default. */
  EtcdFlag(String goName) {
    this(goName, "", Section.LEGACY, "", false);
  }

  EtcdFlag(String goName, boolean isBoolean) {
    this(goName, "", Section.LEGACY, "", isBoolean);
  }

  /** The flag named {@code goName} (after the dashes), or null. */
  static EtcdFlag named(String goName) {
    return BY_NAME.get(goName);
  }

  /**
   * The flag an {@code ETCD_*} variable sets (FLG-002: upper case, {@code _} for {@code -}), or
   * null; {@code ETCD_EXPERIMENTAL_GRPC_ADDR} sets {@code -experimental-gRPC-addr}.
   */
  static EtcdFlag forEnvironmentVariable(String variable) {
    String name = variable.substring("ETCD_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    return name.equals("experimental-grpc-addr") ? EXPERIMENTAL_GRPC_ADDR : named(name);
  }
}
