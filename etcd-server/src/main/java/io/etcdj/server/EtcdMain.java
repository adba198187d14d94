package io.etcdj.server;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code etcd} command (SPEC section 5): flags and {@code ETCD_*} variables, {@code
 * --version}, {@code -h}, start-up lines, then serving until SIGTERM/SIGINT, which stop the
 * member through a shutdown hook.
 *
 * <p>Thread-safety: runs on the main thread; the shutdown hook only closes the member.
 */
public final class EtcdMain {
  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");
  private static final Logger FLAGS = LoggerFactory.getLogger("flags");

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
    if (flags.debugRequested()) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
          .setLevel(ch.qos.logback.classic.Level.DEBUG);
    }
    LOG.info("etcd Version: {}", EtcdServer.VERSION);
    LOG.info("Git SHA: Not provided (use ./build instead of go build)");
    LOG.info("Go Version: java{}", Runtime.version());
    LOG.info("Go OS/Arch: {}/{}", goOs(), goArch());
    int cpus = Runtime.getRuntime().availableProcessors();
    LOG.info("setting maximum number of CPUs to {}, total number of available CPUs is {}", cpus,
        cpus);
    for (String ignored : flags.ignoredFlags()) {
      LOG.warn("flag \"-{}\" is deprecated and ignored", ignored);
    }
    if (!flags.isGiven("data-dir")) {
      LOG.warn("no data-dir provided, using default data-dir ./{}", config.dataDir());
    }
    EmbeddedEtcd etcd;
    try {
      etcd = EmbeddedEtcd.start(config);
    } catch (RuntimeException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("received a stop signal, shutting down");
                  etcd.close();
                  stopped.countDown();
                  // The member stopped cleanly (WAL synced and closed): exit 0 rather than the
                  // JVM's 143 for SIGTERM, so supervisors see an orderly stop.
                  System.out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(0);
                },
                "etcd-shutdown"));
    // OTH-032: a removed member stops itself and the process ends.
    etcd.removed()
        .thenRunAsync(
            () -> {
              etcd.close();
              stopped.countDown();
            },
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return etcd.removed().isDone() ? 0 : -1;
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
    return System.getProperty("os.name").toLowerCase().startsWith("linux") ? "linux"
        : System.getProperty("os.name").toLowerCase();
  }

  private static String goArch() {
    String arch = System.getProperty("os.arch");
    return List.of("amd64", "x86_64").contains(arch) ? "amd64" : arch;
  }
}
