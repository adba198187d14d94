package io.etcdj.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * etcd 2.3's command-line flags (SPEC 5.2). Go flag syntax is read by {@link GoFlagArgs}, then
 * the {@code ETCD_*} environment fills the flags not given (FLG-002), then picocli binds the
 * values to these fields. {@link #toConfig()} validates and builds the {@link ServerConfig}.
 *
 * <p>Thread-safety: not thread-safe; used once by the main thread.
 */
@Command(
    name = "etcd",
    mixinStandardHelpOptions = false,
    customSynopsis = {
      "usage: etcd [flags]",
      "       start an etcd server (v2 keys API)",
      "",
      "       etcd --version",
      "       show the version of etcd",
      "",
      "       etcd -h | --help",
      "       show the help information about etcd",
      ""
    },
    synopsisHeading = "",
    optionListHeading = "flags (Go syntax: -name value, -name=value, --name value, --name=value;"
        + " each also read from ETCD_<NAME>):%n",
    showDefaultValues = true,
    sortOptions = false)
public final class EtcdFlags {
  // member
  @Option(names = "--name", defaultValue = "default", description = "human-readable name")
  String name;

  @Option(names = "--data-dir", defaultValue = "", description = "path to the data directory")
  String dataDir;

  @Option(names = "--wal-dir", defaultValue = "", description = "dedicated WAL directory")
  String walDir;

  @Option(names = "--snapshot-count", defaultValue = "10000", description = "entries per snapshot")
  String snapshotCount;

  @Option(names = "--heartbeat-interval", defaultValue = "100", description = "heartbeat (ms)")
  String heartbeatInterval;

  @Option(names = "--election-timeout", defaultValue = "1000", description = "election (ms)")
  String electionTimeout;

  @Option(names = "--listen-peer-urls", defaultValue = "http://localhost:2380")
  String listenPeerUrls;

  @Option(names = "--listen-client-urls", defaultValue = "http://localhost:2379")
  String listenClientUrls;

  @Option(names = "--max-snapshots", defaultValue = "5")
  String maxSnapshots;

  @Option(names = "--max-wals", defaultValue = "5")
  String maxWals;

  @Option(names = "--cors", defaultValue = "", description = "comma-separated allowed origins")
  String cors;

  // clustering
  @Option(names = "--initial-advertise-peer-urls", defaultValue = "http://localhost:2380")
  String initialAdvertisePeerUrls;

  @Option(names = "--initial-cluster", defaultValue = "")
  String initialCluster;

  @Option(names = "--initial-cluster-state", defaultValue = "new", description = "new or existing")
  String initialClusterState;

  @Option(names = "--initial-cluster-token", defaultValue = "etcd-cluster")
  String initialClusterToken;

  @Option(names = "--advertise-client-urls", defaultValue = "http://localhost:2379")
  String advertiseClientUrls;

  @Option(names = "--discovery", defaultValue = "")
  String discovery;

  @Option(names = "--discovery-srv", defaultValue = "")
  String discoverySrv;

  @Option(names = "--discovery-fallback", defaultValue = "proxy")
  String discoveryFallback;

  @Option(names = "--discovery-proxy", defaultValue = "")
  String discoveryProxy;

  @Option(names = "--strict-reconfig-check", arity = "1", defaultValue = "false")
  String strictReconfigCheck;

  // proxy
  @Option(names = "--proxy", defaultValue = "off")
  String proxy;

  @Option(names = "--proxy-failure-wait", defaultValue = "5000")
  String proxyFailureWait;

  @Option(names = "--proxy-refresh-interval", defaultValue = "30000")
  String proxyRefreshInterval;

  @Option(names = "--proxy-dial-timeout", defaultValue = "1000")
  String proxyDialTimeout;

  @Option(names = "--proxy-write-timeout", defaultValue = "5000")
  String proxyWriteTimeout;

  @Option(names = "--proxy-read-timeout", defaultValue = "0")
  String proxyReadTimeout;

  // security (FLG-041, FLG-042): read by tls.TlsInfo
  @Option(
      names = "--ca-file",
      defaultValue = "",
      description = "deprecated: --trusted-ca-file plus --client-cert-auth")
  String caFile;

  @Option(names = "--cert-file", defaultValue = "", description = "client port TLS certificate")
  String certFile;

  @Option(names = "--key-file", defaultValue = "", description = "client port TLS key")
  String keyFile;

  @Option(
      names = "--client-cert-auth",
      arity = "1",
      defaultValue = "false",
      description = "clients must present a certificate signed by --trusted-ca-file")
  String clientCertAuth;

  @Option(
      names = "--trusted-ca-file",
      defaultValue = "",
      description = "CAs for client certificates")
  String trustedCaFile;

  @Option(
      names = "--peer-ca-file",
      defaultValue = "",
      description = "deprecated: --peer-trusted-ca-file plus --peer-client-cert-auth")
  String peerCaFile;

  @Option(
      names = "--peer-cert-file",
      defaultValue = "",
      description = "peer port TLS certificate, also presented to peers")
  String peerCertFile;

  @Option(names = "--peer-key-file", defaultValue = "", description = "peer TLS key")
  String peerKeyFile;

  @Option(
      names = "--peer-client-cert-auth",
      arity = "1",
      defaultValue = "false",
      description = "peers must present a certificate signed by --peer-trusted-ca-file")
  String peerClientCertAuth;

  @Option(
      names = "--peer-trusted-ca-file",
      defaultValue = "",
      description = "CAs for peer certificates, both ways")
  String peerTrustedCaFile;

  // logging and misc
  @Option(names = "--debug", arity = "1", defaultValue = "false")
  String debug;

  @Option(names = "--log-package-levels", defaultValue = "")
  String logPackageLevels;

  @Option(names = "--force-new-cluster", arity = "1", defaultValue = "false")
  String forceNewCluster;

  @Option(names = "--enable-pprof", arity = "1", defaultValue = "false")
  String enablePprof;

  @Option(names = "--version", arity = "1", defaultValue = "false", description = "print version")
  String version;

  // 3.4 flags that scripts written for 3.4 pass; accepted (the v2 API is always on here)
  @Option(names = "--enable-v2", arity = "1", defaultValue = "true")
  String enableV2;

  // 2.3 experimental flags, accepted and ignored (FLG-047)
  @Option(names = "--experimental-v3demo", arity = "1", defaultValue = "false")
  String experimentalV3demo;

  @Option(names = "--experimental-gRPC-addr", defaultValue = "127.0.0.1:2378")
  String experimentalGrpcAddr;

  @Option(names = "--experimental-auto-compaction-retention", defaultValue = "0")
  String experimentalAutoCompactionRetention;

  // legacy flags, accepted with a warning and ignored (FLG-006); 0.4 compatibility (FLG-007)
  @Option(
      names = {
        "--cluster-active-size", "--cluster-remove-delay", "--cluster-sync-interval", "--config",
        "--force", "--max-result-buffer", "--max-retry-attempts", "--peer-heartbeat-interval",
        "--peer-election-timeout", "--retry-interval", "--snapshot", "--v", "--vv", "--addr",
        "--bind-addr", "--peer-addr", "--peer-bind-addr", "--peers", "--peers-file"
      },
      hidden = true)
  List<String> legacy;

  /** Legacy flags that take no value in Go (they were booleans). */
  private static final Set<String> LEGACY_BOOLEANS = Set.of("force", "snapshot", "v", "vv");

  private static final Set<String> BOOLEANS =
      Set.of(
          "strict-reconfig-check", "client-cert-auth", "peer-client-cert-auth", "debug",
          "force-new-cluster", "enable-pprof", "version", "enable-v2", "experimental-v3demo");

  /** Flags given on the command line or through the environment, in order. */
  private Map<String, String> given = Map.of();

  /**
   * Reads the command line and the environment.
   *
   * @param env the process environment ({@code ETCD_*} entries are used)
   * @param log receives etcd's "recognized environment variable" lines (FLG-002)
   */
  public static EtcdFlags parse(String[] args, Map<String, String> env, Consumer<String> log)
      throws FlagException, GoFlagArgs.HelpRequested {
    EtcdFlags flags = new EtcdFlags();
    CommandLine cl = new CommandLine(flags);
    Set<String> known = new HashSet<>();
    Set<String> booleans = new HashSet<>(LEGACY_BOOLEANS);
    booleans.addAll(BOOLEANS);
    for (OptionSpec o : cl.getCommandSpec().options()) {
      for (String n : o.names()) {
        known.add(n.substring(2));
      }
    }
    Map<String, String> given = GoFlagArgs.parse(args, known, booleans);
    for (Map.Entry<String, String> e : env.entrySet()) {
      String var = e.getKey();
      if (!var.startsWith("ETCD_")) {
        continue;
      }
      String flag = var.substring(5).toLowerCase(Locale.ROOT).replace('_', '-');
      if (!known.contains(flag) && !flag.equals("experimental-grpc-addr")) {
        log.accept("W|unrecognized environment variable " + var + "=" + e.getValue());
        continue;
      }
      if (flag.equals("experimental-grpc-addr")) {
        flag = "experimental-gRPC-addr";
      }
      if (e.getValue().isEmpty()) {
        continue;
      }
      if (given.containsKey(flag)) {
        log.accept(
            "I|recognized environment variable " + var + ", but unused: shadowed by corresponding"
                + " flag ");
        continue;
      }
      if (booleans.contains(flag) && !GoFlagArgs.isGoBool(e.getValue())) {
        throw new FlagException(
            "invalid value \"" + e.getValue() + "\" for flag -" + flag + ": parse error", 2);
      }
      log.accept("I|recognized and used environment variable " + var + "=" + e.getValue());
      given.put(flag, e.getValue());
    }
    List<String> argv = new ArrayList<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      argv.add("--" + e.getKey() + "=" + e.getValue());
    }
    cl.parseArgs(argv.toArray(new String[0]));
    flags.given = given;
    return flags;
  }

  /** The usage text printed for {@code -h} and after flag errors (FLG-003). */
  public static String usage() {
    return new CommandLine(new EtcdFlags()).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** True if {@code --debug} was given: every package logs at debug level (FLG-044). */
  public boolean debugRequested() {
    return GoFlagArgs.goBool(debug);
  }

  /** True if {@code --version} was given. */
  public boolean versionRequested() {
    return GoFlagArgs.goBool(version);
  }

  /** Flags etcd accepts but this member does not act on, for "ignored" warnings. */
  public List<String> ignoredFlags() {
    List<String> ignored = new ArrayList<>();
    for (String flag : given.keySet()) {
      if (IGNORED.contains(flag)) {
        ignored.add(flag);
      }
    }
    return ignored;
  }

  private static final Set<String> IGNORED =
      Set.of(
          "cluster-active-size", "cluster-remove-delay", "cluster-sync-interval", "config", "force",
          "max-result-buffer", "max-retry-attempts", "peer-heartbeat-interval",
          "peer-election-timeout", "retry-interval", "snapshot", "v", "vv", "addr", "bind-addr",
          "peer-addr", "peer-bind-addr");

  /** True if the flag was given on the command line or through the environment. */
  boolean isGiven(String flag) {
    return given.containsKey(flag);
  }

  /** Validates everything and builds the configuration (FLG-005, FLG-010, CLU-011..013). */
  public ServerConfig toConfig() throws FlagException {
    return ServerConfigBuilder.build(this);
  }
}
