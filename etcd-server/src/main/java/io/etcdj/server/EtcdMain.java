package io.etcdj.server;

import static io.etcdj.server.EtcdMain.Logs.FLAGS;
import static io.etcdj.server.EtcdMain.Logs.LOG;

import io.etcdj.server.discovery.Discovery;
import io.etcdj.server.discovery.DiscoveryException;
import io.etcdj.server.discovery.SrvCluster;
import io.etcdj.server.log.CapnslogLevel;
import io.etcdj.server.log.GlobalLogLevel;
import io.etcdj.server.log.LogLevel;
import io.etcdj.server.proxy.ProxyServer;
import io.etcdj.server.tls.HttpsListeners;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsInfo;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code etcd} command (SPEC section 5): flags and {@code ETCD_*} variables, {@code --version},
 * {@code -h}, start-up lines, then serving until SIGTERM/SIGINT, which stop the member through a
 * shutdown hook.
 *
 * <p>Thread-safety: runs on the main thread; the shutdown hook only closes the member.
 */
public final class EtcdMain {
  /**
   * The loggers, created on first use: logging's start costs a tenth of a second, which {@code
   * --version} and {@code -h} need not pay (they print no log line).
   */
  static final class Logs {
    static final Logger LOG = LoggerFactory.getLogger("etcdmain");
    static final Logger FLAGS = LoggerFactory.getLogger("flags");

    private Logs() {}
  }

  private EtcdMain() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status >= 0) {
      System.exit(status);
    }
  }

  /**
   * @return the exit status, or -1 once the member is serving (the shutdown hook ends it)
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    EtcdFlags flags;
    try {
      flags = EtcdFlags.parse(args, env, EtcdMain::logFlagLine);
    } catch (GoFlagArgs.HelpRequested e) {
      out.print(EtcdFlags.usage());
      return 0;
    } catch (FlagException e) {
      return flagError(e, err);
    }
    if (flags.versionRequested()) {
      out.println("etcd Version: " + EtcdServer.VERSION);
      out.println("Git SHA: Not provided (use ./build instead of go build)");
      out.println("Go Version: java" + Runtime.version());
      out.println("Go OS/Arch: " + goOs() + "/" + goArch());
      return 0;
    }
    ServerConfig config;
    try {
      config = flags.toConfig();
    } catch (FlagException e) {
      return flagError(e, err);
    }
    // A restart's slowest step, decoding the newest snapshot, starts now, beside the rest.
    SnapshotPrefetch.begin(config.snapPath());
    if (flags.debugRequested()) {
      GlobalLogLevel.set(LogLevel.DEBUG);
    }
    LOG.info("etcd Version: {}", EtcdServer.VERSION);
    LOG.info("Git SHA: Not provided (use ./build instead of go build)");
    LOG.info("Go Version: java{}", Runtime.version());
    LOG.info("Go OS/Arch: {}/{}", goOs(), goArch());
    int cpus = Runtime.getRuntime().availableProcessors();
    LOG.info(
        "setting maximum number of CPUs to {}, total number of available CPUs is {}", cpus, cpus);
    for (String ignored : flags.ignoredFlags()) {
      LOG.warn("flag \"-{}\" is deprecated and ignored", ignored);
    }
    if (!flags.isGiven(EtcdFlag.DATA_DIR)) {
      LOG.warn("no data-dir provided, using default data-dir ./{}", config.dataDir());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<AutoCloseable> serving = new AtomicReference<>();
    // Installed before the start: a SIGTERM that lands while the member starts, or just after it
    // printed "published", ends in the same orderly exit 0 (it was the JVM's 143).
    Thread hook = new Thread(() -> stopOnSignal(serving.get(), stopped), "etcd-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    AutoCloseable started;
    try {
      started = start(config);
    } catch (DiscoveryFailed e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      return 1; // explained in etcd's words already
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      explainStartFailure(config, e.getMessage() == null ? e.toString() : e.getMessage());
      return 1;
    }
    serving.set(started);
    if (!(started instanceof EmbeddedEtcd etcd)) {
      awaitQuietly(stopped); // a proxy: until the signal
      return -1;
    }
    // etcd's plog.Fatalf: a member that cannot write its data dir exits 1 at once, without the
    // orderly stop's lines (the shutdown hook); anything else that broke it is a Go panic's 2.
    etcd.failed()
        .thenAccept(
            cause -> {
              System.out.flush();
              System.err.flush();
              Runtime.getRuntime().halt(cause instanceof FatalDiskError ? 1 : 2);
            });
    // OTH-032: a removed member stops itself and the process ends.
    etcd.removed()
        .thenRunAsync(
            () -> {
              etcd.close();
              stopped.countDown();
            },
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    awaitQuietly(stopped);
    return etcd.removed().isDone() ? 0 : -1;
  }

  /**
   * The shutdown hook: closes the member or proxy (if it is up yet) and exits 0 rather than the
   * JVM's 143 for SIGTERM, so supervisors see an orderly stop. Nothing to do when the member has
   * stopped already (removed from its cluster, OTH-032).
   */
  private static void stopOnSignal(AutoCloseable serving, CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    LOG.info("received a stop signal, shutting down");
    if (serving != null) {
      try {
        serving.close();
      } catch (Exception e) {
        LOG.warn("stopping: {}", e.toString());
      }
    }
    stopped.countDown();
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts what the data dir and the flags call for (SPEC CLU-071): a data dir holding {@code
   * member/} restarts the member and one holding {@code proxy/} the proxy, whatever {@code --proxy}
   * says ({@link DataDirType}); an empty one starts a proxy with {@code --proxy on|readonly}, else a
   * member, which first runs {@code --discovery} if given (CLU-051..055) and becomes a proxy when
   * the discovery cluster is full and {@code --discovery-fallback} is {@code proxy}.
   *
   * @return an {@link EmbeddedEtcd} or a {@link ProxyServer}
   * @throws IllegalStateException if discovery fails (etcd's explanation is logged first)
   */
  public static AutoCloseable start(ServerConfig config) {
    // The one setting not among etcd's flags: where DNS SRV questions go (tests run a DNS server
    // on loopback); empty means the system's resolvers.
    return start(config, System.getProperty(DNS_SERVER_PROPERTY, ""));
  }

  /** Names the {@code host:port} of the DNS server {@code --discovery-srv} asks. */
  public static final String DNS_SERVER_PROPERTY = "etcdj.discovery.dns-server";

  /**
   * {@link #start(ServerConfig)} with DNS SRV questions sent to {@code dnsServer} ({@code
   * host:port}, empty for the system's resolvers).
   */
  public static AutoCloseable start(ServerConfig config, String dnsServer) {
    DataDirType which = DataDirType.identify(Path.of(config.dataDir()));
    if (which != DataDirType.EMPTY) {
      // FLG-061: said before anything starts, at capnslog's NOTICE level.
      LOG.info(
          CapnslogLevel.NOTICE,
          "the server is already initialized as {} before, starting as etcd {}...",
          which,
          which);
    }
    if (!config.discovery().srvDomain().isEmpty() && which == DataDirType.EMPTY) {
      // CLU-060: the SRV records stand for --initial-cluster, with the same token rules.
      config =
          config.withInitialCluster(
              SrvCluster.cluster(
                  config.discovery().srvDomain(),
                  config.name(),
                  config.advertisePeerUrls(),
                  dnsServer));
    }
    boolean proxy =
        which == DataDirType.PROXY || (which == DataDirType.EMPTY && config.proxy().enabled());
    checkTls(config, proxy);
    if (which == DataDirType.MEMBER) {
      if (config.discovery().enabled()) {
        LOG.warn(
            "discovery token ignored since a cluster has already been initialized. Valid log"
                + " found at \"{}\"",
            config.walPath());
      }
      return EmbeddedEtcd.start(config);
    }
    if (which == DataDirType.PROXY) {
      return ProxyServer.start(config.proxy().enabled() ? config : config.asProxy());
    }
    if (config.proxy().enabled()) {
      return ProxyServer.start(config);
    }
    if (!config.discovery().enabled()) {
      return EmbeddedEtcd.start(config);
    }
    if (config.clusterState().equals("existing")) {
      BootstrapCheck.verifyJoinExisting(config); // refuses the discovery, before it registers
    }
    Map<String, List<String>> cluster;
    try {
      cluster = Discovery.join(config.discovery(), config.memberId(), selfUrls(config));
    } catch (DiscoveryException e) {
      if (e.kind() == DiscoveryException.Kind.FULL_CLUSTER
          && config.discovery().fallbackToProxy()) {
        LOG.info(CapnslogLevel.NOTICE, "discovery cluster full, falling back to proxy");
        return ProxyServer.start(config.asProxy());
      }
      explainDiscoveryFailure(config, e);
      throw new DiscoveryFailed("failed to join discovery cluster (" + e.getMessage() + ")", e);
    }
    return EmbeddedEtcd.start(config.withInitialCluster(cluster));
  }

  /**
   * etcd 2.3's TLS start-up: the TLS settings in use are logged, TLS files given for {@code http}
   * URLs are ignored with a warning, and an {@code https} listen URL without a certificate and key
   * stops the start (FLG-010): peer URLs first, then client URLs, the order etcd opens them in. A
   * proxy listens only on client URLs. The files are read once here too, so that a missing or bad
   * one stops the start before anything is written to the data dir.
   *
   * @throws io.etcdj.server.tls.TlsSetupException with etcd's message
   */
  private static void checkTls(ServerConfig config, boolean proxy) {
    TlsInfo peer = config.peerTls();
    TlsInfo client = config.clientTls();
    if (!proxy) {
      if (!peer.empty()) {
        LOG.info("peerTLS: {}", peer);
      }
      for (URI u : config.listenPeerUrls()) {
        if (u.getScheme().equals("http") && !peer.empty()) {
          LOG.warn(
              "The scheme of peer url {} is HTTP while peer key/cert files are presented. Ignored"
                  + " peer key/cert files.",
              u);
        }
      }
      HttpsListeners.checkPeerUrls(peer, config.listenPeerUrls());
      if (config.listenPeerUrls().stream().anyMatch(u -> u.getScheme().equals("https"))) {
        TlsContexts.server(peer); // an unreadable file stops the start here, as in etcd
      }
    }
    if (!client.empty()) {
      LOG.info("clientTLS: {}", client);
    }
    for (URI u : config.listenClientUrls()) {
      if (u.getScheme().equals("http") && !client.empty()) {
        LOG.warn(
            "The scheme of client url {} is HTTP while key/cert files are presented. Ignored"
                + " key/cert files.",
            u);
      }
      if (u.getScheme().equals("http") && client.requiresClientCert()) {
        LOG.warn(
            "The scheme of client url {} is HTTP while client cert auth (--client-cert-auth) is"
                + " enabled. Ignored client cert auth for this url.",
            u);
      }
    }
    HttpsListeners.checkClientUrls(client, config.listenClientUrls());
    if (config.listenClientUrls().stream().anyMatch(u -> u.getScheme().equals("https"))) {
      TlsContexts.server(client);
    }
  }

  /** This member's {@code name=peerURL[,name=peerURL2]} as it registers it (CLU-052). */
  private static String selfUrls(ServerConfig config) {
    List<String> parts = new ArrayList<>();
    for (String u : config.initialCluster().get(config.name())) {
      parts.add(config.name() + "=" + u);
    }
    return String.join(",", parts);
  }

  /** A discovery failure, already explained in the log. */
  static final class DiscoveryFailed extends IllegalStateException {
    DiscoveryFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What etcd tells the operator for each discovery failure. */
  private static void explainDiscoveryFailure(ServerConfig config, DiscoveryException e) {
    String token = config.discovery().url();
    switch (e.kind()) {
      case DUPLICATE_ID -> {
        LOG.error(
            "member \"{}\" has previously registered with discovery service token ({}).",
            config.name(),
            token);
        LOG.error(
            "But etcd could not find valid cluster configuration in the given data dir ({}).",
            config.dataDir());
        LOG.info("Please check the given data dir path if the previous bootstrap succeeded");
        LOG.info("or use a new discovery token if the previous bootstrap failed.");
      }
      case DUPLICATE_NAME -> {
        LOG.error(
            "member with duplicated name has registered with discovery service token({}).", token);
        LOG.error("please check (cURL) the discovery token for more information.");
        LOG.error(
            "please do not reuse the discovery token and generate a new one to bootstrap the"
                + " cluster.");
      }
      default -> {
        LOG.error("failed to join discovery cluster ({})", e.getMessage());
        LOG.info("discovery token {} was used by this member", token);
        LOG.info("the data-dir used by this member must be removed.");
      }
    }
  }

  /**
   * A start that failed, in etcd's words: critical, except a member whose advertised peer URLs
   * are not its entry in the initial cluster (CLU-013), which etcd explains with hints about the
   * flags it guesses were forgotten.
   */
  private static void explainStartFailure(ServerConfig config, String message) {
    if (!message.contains("include") || !message.contains("--initial-cluster")) {
      LOG.error(CapnslogLevel.CRITICAL, "{}", message);
      return;
    }
    LOG.info("{}", message);
    List<String> legacyDefault = List.of("http://localhost:2380", "http://localhost:7001");
    boolean defaultCluster = config.initialCluster().equals(Map.of(config.name(), legacyDefault));
    if (defaultCluster) {
      LOG.info("forgot to set --initial-cluster flag?");
    }
    if (config.advertisePeerUrls().stream().map(URI::toString).sorted().toList()
        .equals(legacyDefault)) {
      LOG.info("forgot to set --initial-advertise-peer-urls flag?");
    }
    if (defaultCluster && !config.discovery().enabled()) {
      LOG.info("if you want to use discovery service, please set --discovery flag.");
    }
  }

  /** FLG-003, FLG-005: syntax errors print usage and exit 2; invalid settings exit 1. */
  private static int flagError(FlagException e, PrintStream err) {
    if (e.exitCode() == 2) {
      err.println(e.getMessage());
      err.print(EtcdFlags.usage());
      return 2;
    }
    LOG.error("error verifying flags, {}. See 'etcd --help'.", e.getMessage());
    if (e.getMessage().startsWith("-advertise-client-urls is required")) {
      LOG.error(
          "When listening on specific address(es), this etcd process must advertise accessible"
              + " url(s) to each connected client.");
    }
    return e.exitCode();
  }

  /** Lines from the environment handling come as "L|message" (FLG-002). */
  private static void logFlagLine(String line) {
    String message = line.substring(2);
    if (line.charAt(0) == 'W') {
      FLAGS.warn("{}", message);
    } else {
      FLAGS.info("{}", message);
    }
  }

  private static String goOs() {
    return System.getProperty("os.name").toLowerCase().startsWith("linux")
        ? "linux"
        : System.getProperty("os.name").toLowerCase();
  }

  private static String goArch() {
    String arch = System.getProperty("os.arch");
    return List.of("amd64", "x86_64").contains(arch) ? "amd64" : arch;
  }
}
