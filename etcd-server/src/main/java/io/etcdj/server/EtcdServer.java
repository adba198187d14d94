package io.etcdj.server;

import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Store;
import io.etcdj.store.TtlOptions;
import io.etcdj.store.Watcher;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd member: the store, the proposal seam in front of it and the timers around it. The
 * HTTP handlers talk only to this class.
 *
 * <p>Thread-safety: safe for concurrent use. The store is written only on the apply thread behind
 * {@link Proposer}; local reads and watch registration go straight to the store, which is safe
 * for concurrent use; the SYNC timer runs on its own thread and only proposes.
 */
public final class EtcdServer implements AutoCloseable {
  /** The etcd release this member imitates (SPEC OTH-010). */
  public static final String VERSION = "2.3.8";

  /** The cluster version a 2.3 member settles on. */
  public static final String CLUSTER_VERSION = "2.3.0";

  /** SPEC KEY-123: expiry is driven by a SYNC proposal every 500 ms. */
  static final long SYNC_PERIOD_MS = 500;

  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");
  private static final Logger RAFT = LoggerFactory.getLogger("raft");

  private final ServerConfig config;
  private final Clock clock;
  private final Store store;
  private final LocalProposer proposer;
  private final ScheduledExecutorService syncTimer;
  private final long memberId;
  private final long clusterId;
  private final Instant startTime;
  private final long startNanos;
  private volatile Member self;

  public EtcdServer(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.store = new Store(clock, "/0", "/1");
    this.proposer = new LocalProposer(new Applier(store));
    this.syncTimer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-sync");
              t.setDaemon(true);
              return t;
            });
    this.memberId = config.memberId();
    this.clusterId = config.clusterId();
    this.startTime = clock.instant();
    this.startNanos = SystemClock.nanoTime();
    this.self = new Member(memberId, "", config.initialCluster().get(config.name()), List.of());
  }

  /**
   * Bootstraps the single-member log: entry 1 adds this member to the store (CLU-015, CLU-020),
   * entry 2 is the new leader's empty entry at term 2. Blocks the calling (main) thread.
   */
  public void bootstrap() {
    LOG.info("name = {}", config.name());
    LOG.info("data dir = {}", config.dataDir());
    LOG.info("member dir = {}/member", config.dataDir());
    LOG.info("heartbeat = {}ms", config.heartbeatMs());
    LOG.info("election = {}ms", config.electionMs());
    LOG.info("snapshot count = {}", config.snapshotCount());
    LOG.info("advertise client URLs = {}", joinUrls(config.advertiseClientUrls()));
    LOG.info("initial advertise peer URLs = {}", joinUrls(config.advertisePeerUrls()));
    LOG.info("initial cluster = {}", initialClusterString());
    String id = idHex();
    LOG.info("starting member {} in cluster {}", id, clusterIdHex());
    RAFT.info("{} became follower at term 0", id);
    RAFT.info(
        "newRaft {} [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]", id);
    RAFT.info("{} became follower at term 1", id);
    LOG.info("starting server... [version: {}, cluster version: to_be_decided]", VERSION);
    String raftAttributes = "{\"peerURLs\":" + jsonArray(self.peerUrls()) + "}";
    proposer
        .applyInternal(
            () -> {
              try {
                store.create(
                    "/0/members/" + id + "/raftAttributes",
                    false,
                    raftAttributes,
                    false,
                    TtlOptions.PERMANENT);
              } catch (EtcdException e) {
                throw new IllegalStateException("cannot add the local member to the store", e);
              }
            })
        .join();
    LOG.info("added local member {} {} to cluster {}", id, self.peerUrls(), clusterIdHex());
    RAFT.info("{} is starting a new election at term 1", id);
    RAFT.info("{} became candidate at term 2", id);
    RAFT.info("{} received vote from {} at term 2", id, id);
    RAFT.info("{} became leader at term 2", id);
    proposer.applyInternal(() -> {}).join();
    LOG.info("raft.node: {} elected leader {} at term 2", id, id);
  }

  /**
   * Publishes this member's name and client URLs (CLU-018), sets the cluster version (CLU-019)
   * and starts the expiry timer. Blocks the calling (main) thread.
   */
  public void publish(List<String> clientUrls) {
    String attributes =
        "{\"name\":"
            + jsonString(config.name())
            + (clientUrls.isEmpty() ? "" : ",\"clientURLs\":" + jsonArray(clientUrls))
            + "}";
    proposer.propose(Request.put("/0/members/" + idHex() + "/attributes", attributes)).join();
    List<String> sorted = new ArrayList<>(clientUrls);
    sorted.sort(null);
    self = new Member(memberId, config.name(), self.peerUrls(), sorted);
    LOG.info(
        "published {Name:{} ClientURLs:[{}]} to cluster {}",
        config.name(),
        String.join(" ", clientUrls),
        clusterIdHex());
    LOG.info("setting up the initial cluster version to 2.3");
    proposer.propose(Request.put("/0/version", CLUSTER_VERSION)).join();
    LOG.info("set the initial cluster version to 2.3");
    syncTimer.scheduleWithFixedDelay(
        this::maybeSync, SYNC_PERIOD_MS, SYNC_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** KEY-123: propose a SYNC with this member's clock when any key has a TTL. */
  private void maybeSync() {
    try {
      if (store.hasTtlKeys()) {
        proposer.propose(Request.sync(clock.instant()));
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot propose SYNC: {}", e.toString());
    }
  }

  /** Sends a request through the log (writes, quorum GETs; SPEC KEY-010). */
  public CompletableFuture<Event> propose(Request request) {
    return proposer.propose(request);
  }

  /** A local (possibly stale) GET or HEAD, served from the store on the caller's thread. */
  public Event get(Request request) throws EtcdException {
    return store.get(request.path(), request.recursive(), request.sorted());
  }

  /** Registers a watch (SPEC KEY-160..175); see {@link Store#watch}. */
  public Watcher watch(Request request, Consumer<Event> listener) throws EtcdException {
    return store.watch(
        request.path(), request.recursive(), request.stream(), request.waitIndex(), listener);
  }

  /**
   * Looks up whether v2 auth is enabled, as etcd does before every keys request; the lookup of
   * {@code /2/enabled} fails and counts as a failed get in the store stats (SPEC KEY-190).
   */
  public boolean authEnabled() {
    try {
      store.get("/2/enabled", false, false);
    } catch (EtcdException e) {
      return false;
    }
    return false;
  }

  /** The store's {@code /v2/stats/store} JSON (OTH-044). */
  public byte[] storeStats() {
    return store.jsonStats();
  }

  public long raftIndex() {
    return proposer.appliedIndex();
  }

  public long raftTerm() {
    return proposer.term();
  }

  public Member self() {
    return self;
  }

  public String idHex() {
    return Long.toHexString(memberId);
  }

  public String clusterIdHex() {
    return Long.toHexString(clusterId);
  }

  public String name() {
    return config.name();
  }

  public Instant startTime() {
    return startTime;
  }

  /** Nanoseconds since this member became leader (at start: it elects itself at once). */
  public long leaderUptimeNanos() {
    return SystemClock.nanoTime() - startNanos;
  }

  public Clock clock() {
    return clock;
  }

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    syncTimer.shutdownNow();
    proposer.close();
  }

  private String initialClusterString() {
    List<String> parts = new ArrayList<>();
    config.initialCluster().forEach((n, urls) -> urls.forEach(u -> parts.add(n + "=" + u)));
    return String.join(",", parts);
  }

  private static String joinUrls(List<URI> urls) {
    List<String> s = new ArrayList<>();
    urls.forEach(u -> s.add(u.toString()));
    return String.join(",", s);
  }

  private static String jsonArray(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(jsonString(v)));
    return "[" + String.join(",", quoted) + "]";
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
