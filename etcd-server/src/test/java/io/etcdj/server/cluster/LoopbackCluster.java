package io.etcdj.server.cluster;

import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of in-process members on loopback for the cluster tests, each with fixed ports and a
 * data dir under one temporary directory, so that a member can be stopped and started again as
 * the same member (same URLs, same data dir), a whole cluster restarted, and a member added at
 * runtime. Every member gets {@code --heartbeat-interval 50 --election-timeout 500} and the extra
 * flags given to {@link #inTempDir}.
 *
 * <p>Held in a {@code @RegisterExtension} field, it is a fresh cluster for every test: a new
 * temporary directory before each, and after each (after the test's own {@code @AfterEach}) every
 * member closed and the directory deleted.
 *
 * <p>Thread-safety: not thread-safe; owned by the test thread.
 */
final class LoopbackCluster implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  /** One member's fixed place: its name, client port, peer URL and data dir. */
  record Slot(String name, int clientPort, String peerUrl, Path dataDir) {
    String clientUrl() {
      return "http://127.0.0.1:" + clientPort;
    }
  }

  private static final String TOKEN = "test-cluster-1";

  private final List<String> extraFlags;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Map<String, EmbeddedEtcd> running = new LinkedHashMap<>();
  /** This test's directory, made anew before each test. */
  private Path dir;

  private LoopbackCluster(String... extraFlags) {
    this.extraFlags = List.of(extraFlags);
  }

  /** A cluster per test, for a {@code @RegisterExtension} field (see the class comment). */
  static LoopbackCluster inTempDir(String... extraFlags) {
    return new LoopbackCluster(extraFlags);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("loopback-cluster");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    slots.clear();
  }

  /** Bootstraps a new cluster of {@code names}, all started at once (each waits for a leader). */
  void start(String... names) throws Exception {
    for (String name : names) {
      reserve(name);
    }
    startAll(List.of(names), "new");
  }

  /**
   * Fixes ports and a data dir for a member to be added later; its peer URL is what {@code POST
   * /v2/members} should be given.
   */
  Slot reserve(String name) throws Exception {
    int[] ports = ClusterTestSupport.freePorts(2);
    Slot s =
        new Slot(name, ports[0], "http://127.0.0.1:" + ports[1], dir.resolve(name + ".etcd"));
    slots.put(name, s);
    return s;
  }

  /** Starts a reserved member that joins the running cluster ({@code existing}, CLU-016). */
  EmbeddedEtcd join(String name) {
    EmbeddedEtcd m = EmbeddedEtcd.start(flags(slots.get(name), "existing"));
    running.put(name, m);
    return m;
  }

  /** Closes member {@code name} (as SIGTERM would); its data dir stays. */
  void stop(String name) {
    EmbeddedEtcd m = running.remove(name);
    if (m != null) {
      m.close();
    }
  }

  /** Starts a stopped member again from its data dir, with the same flags. */
  EmbeddedEtcd restart(String name) {
    EmbeddedEtcd m = EmbeddedEtcd.start(flags(slots.get(name), "new"));
    running.put(name, m);
    return m;
  }

  /** Starts several stopped members again at once (a whole cluster needs a quorum to start). */
  void restartAll(List<String> names) throws Exception {
    startAll(names, "new");
  }

  EmbeddedEtcd member(String name) {
    EmbeddedEtcd m = running.get(name);
    if (m == null) {
      throw new IllegalStateException(name + " is not running");
    }
    return m;
  }

  /** The running members, in the order they were first started. */
  List<EmbeddedEtcd> running() {
    return List.copyOf(running.values());
  }

  List<String> names() {
    return List.copyOf(slots.keySet());
  }

  /**
   * {@code --initial-cluster} for every slot so far, as a proxy in front of these members is
   * given it (CLU-070).
   */
  String initialCluster() {
    List<String> cluster = new ArrayList<>();
    slots.values().forEach(o -> cluster.add(o.name() + "=" + o.peerUrl()));
    return String.join(",", cluster);
  }

  /** The single leader among the running members, polled until {@code deadline}. */
  EmbeddedEtcd awaitLeader(Duration deadline) throws InterruptedException {
    return ClusterTestSupport.awaitLeader(running(), deadline);
  }

  /** A running member that is not {@code leader}. */
  EmbeddedEtcd follower(EmbeddedEtcd leader) {
    return running().stream().filter(m -> m != leader).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    for (String name : List.copyOf(running.keySet())) {
      stop(name);
    }
  }

  private void startAll(List<String> names, String state) throws Exception {
    Map<String, CompletableFuture<EmbeddedEtcd>> starting = new LinkedHashMap<>();
    for (String name : names) {
      String[] flags = flags(slots.get(name), state);
      starting.put(name, CompletableFuture.supplyAsync(() -> EmbeddedEtcd.start(flags)));
    }
    for (Map.Entry<String, CompletableFuture<EmbeddedEtcd>> e : starting.entrySet()) {
      running.put(e.getKey(), e.getValue().get(60, TimeUnit.SECONDS));
    }
  }

  /**
   * etcd's flags for {@code s}; {@code --initial-cluster} lists every slot so far (ignored by a
   * member restarting from its data dir, PER-003).
   */
  private String[] flags(Slot s, String state) {
    List<String> f = EtcdCommandLine.memberFlags(dir, s.name(), s.clientUrl(), s.peerUrl());
    f.addAll(
        List.of(
            "--initial-cluster", initialCluster(),
            "--initial-cluster-state", state,
            "--initial-cluster-token", TOKEN));
    f.addAll(EtcdCommandLine.fastElections());
    f.addAll(extraFlags);
    return f.toArray(String[]::new);
  }
}
