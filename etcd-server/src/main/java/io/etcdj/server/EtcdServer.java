package io.etcdj.server;

import io.etcdj.raft.Status;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.server.auth.AuthStore;
import io.etcdj.server.log.CapnslogLevel;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Store;
import io.etcdj.store.V2Json;
import io.etcdj.store.Watcher;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd member: the store, raft with its WAL and snapshots behind the proposal seam, and the
 * timers around them (SYNC, purge). The HTTP handlers talk only to this class.
 *
 * <p>Start-up: {@link #bootstrap()} opens or creates the data dir and starts the raft loop and the
 * apply thread; {@link #publish(List)} waits for a leader, then publishes this member's attributes
 * (CLU-018) and the cluster version (CLU-019), so that on a fresh member the first user write is
 * etcd index 4 (KEY-183).
 *
 * <p>Thread-safety: safe for concurrent use. Raft state belongs to the {@link RaftLoop}'s rounds,
 * one at a time; the store is written only by the {@link ApplyStep}, which a round or the apply
 * thread runs one at a time ({@link ApplyScheduler}); local reads and watch registration go
 * straight to the store, which is safe for concurrent use; the timers only propose. {@link
 * #bootstrap()}, {@link #publish(List)} and {@link #close()} are called by the starting thread.
 */
public final class EtcdServer implements AutoCloseable {
  /** The etcd release this member imitates (SPEC OTH-010). */
  public static final String VERSION = "2.3.8";

  /** The cluster version a 2.3 member settles on. */
  public static final String CLUSTER_VERSION = "2.3.0";

  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final ServerConfig config;
  private final Clock clock;
  private final Store store;
  private final PendingRequests pending;
  private final ScheduledExecutorService timers;
  private final Instant startTime;
  private long memberId;
  private long clusterId;
  private RaftLoop raft;
  private Proposals proposals;
  private ApplyStep applier;
  private ApplyScheduler applying;
  private SnapshotSaver snapshots;
  private PeerListeners peerListeners;
  /** CLU-014's answer, asked before binding ({@link #bindPeers}); false when not asked. */
  private boolean reportedStarted;
  private PeerNetwork network;
  private final SelfStop selfStop = new SelfStop();
  private volatile Member self;
  private final AuthStore auth = new AuthStore(this);
  private final ServerMetrics metrics = new ServerMetrics();
  private MetricsPage metricsPage;

  /** The commit index the data dir held when this member started; see {@link #awaitRecovered}. */
  private long recoveredCommit;

  public EtcdServer(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.store = new Store(clock, "/0", "/1");
    this.pending = new PendingRequests(requestTimeoutMs(config));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-timers");
              t.setDaemon(true);
              return t;
            });
    this.memberId = config.memberId();
    this.clusterId = config.clusterId();
    this.startTime = clock.instant();
    this.self =
        new Member(
            memberId, "", config.initialCluster().getOrDefault(config.name(), List.of()), List.of());
  }

  /** ERR-004: 5 s plus twice the election timeout (7 s with the defaults). */
  static long requestTimeoutMs(ServerConfig config) {
    return 5000 + 2 * config.electionMs();
  }

  /**
   * Binds the peer ports (they accept once {@link #bootstrap()} has started raft). etcd binds them
   * first, before its client ports and its data dir, so a port in use stops the start with nothing
   * written; {@link #bootstrap()} does it if this was not called.
   *
   * <p>A new member asks its peers whether they know it as started (CLU-014) just before, not
   * after as etcd does: a bound port answers nothing until the member serves, so members started
   * together, each asking while the others sat bound and silent, all waited out the one-second
   * limit (a 3-member start took a second longer than the reference's). Asked before binding,
   * a peer is either not listening yet (refused at once) or about to serve.
   *
   * @throws IllegalStateException if a port cannot be bound, in Go's words
   */
  public void bindPeers() {
    if (peerListeners == null) {
      if (BootstrapCheck.asksPeers(config) && !StartingPoint.walExists(config)) {
        reportedStarted = BootstrapCheck.reportedStarted(config);
      }
      peerListeners = PeerListeners.bind(config);
    }
  }

  /**
   * Opens the data dir ({@link StartingPoint}: a new member creates its WAL and raft's bootstrap
   * entries, CLU-015; an existing one loads its newest snapshot and replays its WAL, PER-048) and
   * starts the raft loop and the apply thread.
   *
   * @throws UncheckedIOException if the data dir cannot be opened (the message names the file)
   * @throws IllegalStateException if the initial cluster does not fit ({@link BootstrapCheck})
   */
  public void bootstrap() {
    bindPeers();
    StartingPoint start = StartingPoint.open(config, memberId, clusterId, store, reportedStarted);
    DataDir dir = start.dir();
    RaftStart boot = start.raft();
    memberId = dir.memberId();
    clusterId = dir.clusterId();
    recoveredCommit = dir.storage().initialState().hardState().getCommit();
    self = new Member(memberId, "", self.peerUrls(), List.of());
    LOG.info("starting server... [version: {}, cluster version: to_be_decided]", VERSION);
    snapshots =
        new SnapshotSaver(
            config.snapPath(), this::snapshotSaved, metrics.snapshotSave, selfStop::cannotGoOn);
    dir.wal().onSync(metrics.walSync::observeNanos);
    applier =
        new ApplyStep(
            store,
            pending,
            snapshots,
            config.snapshotCount(),
            boot.snapIndex(),
            boot.snapTerm(),
            clusterIdHex(),
            memberId,
            selfStop::removedFromCluster);
    applying = new ApplyScheduler(applier);
    // etcd binds the peer port even for a single member: it can grow by a member add.
    PeerNetwork net =
        new PeerNetwork(
            config,
            peerListeners,
            memberId,
            clusterId,
            store,
            peerCluster(),
            clock,
            selfStop::removedFromCluster);
    network = net;
    raft =
        new RaftLoop(
            boot.node(),
            dir.storage(),
            dir.wal(),
            config.snapPath(),
            net::send,
            applying::apply,
            net::applied,
            boot.confState(),
            config.heartbeatMs(),
            config.electionTicks(),
            requestTimeoutMs(config),
            net.raftExecutor());
    raft.failed().thenAccept(selfStop::cannotGoOn);
    proposals = new Proposals(new RequestIds(memberId, clock.millis()), pending, raft);
    metricsPage = new MetricsPage(metrics, store, raft, pending, applier, idHex());
    startPeerNetwork(net, start.peers());
    applying.start();
    raft.start(config.electionTickAdvance() ? net.transport()::activePeers : null);
  }

  /**
   * Waits until every entry the data dir had committed before this start is applied to the store
   * (PER-048), for at most the request timeout. The raft loop applies them right after {@link
   * #bootstrap()}, without any peer, but on its own thread: a read served before would not see
   * writes acknowledged before a crash (a GET a few milliseconds after a restart found none of
   * them, CrashRecoveryTest).
   */
  public void awaitRecovered() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs(config));
    while (applier.appliedIndex() < recoveredCommit && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  /**
   * Serves the peer port and dials every other member: the initial cluster's on a fresh member
   * (CLU-015, or the running cluster's when joining it, CLU-016), the recovered membership's on a
   * restart; conf changes applied later keep the transport up to date through {@link
   * PeerNetwork#applied}.
   */
  private void startPeerNetwork(PeerNetwork net, List<Member> peers) {
    net.attach(raft);
    net.serve();
    peers.forEach(m -> net.addPeer(m.id(), m.peerUrls()));
  }

  private io.etcdj.server.http.peer.PeerCluster peerCluster() {
    return new io.etcdj.server.http.peer.PeerCluster() {
      @Override
      public List<Member> members() {
        return EtcdServer.this.members();
      }

      @Override
      public String clusterVersion() {
        return EtcdServer.this.clusterVersion();
      }
    };
  }

  /** {@code 2.3.0} once the cluster version entry is applied, else {@code not_decided} (OTH-010). */
  public String clusterVersion() {
    return hasClusterVersion() ? CLUSTER_VERSION : "not_decided";
  }

  /** The committed membership with published names and client URLs, sorted by ID (OTH-021). */
  public List<Member> members() {
    List<Member> members = Membership.members(store);
    return members.isEmpty() ? List.of(self) : members;
  }

  /**
   * OTH-026, OTH-027: adds a member with {@code peerUrls} (sorted) through an AddNode conf change;
   * its ID hashes the URLs with the Unix seconds of now (CLU-003). Completes with the new member
   * once the change is applied here, or fails with a {@link MembershipException} (CLU-030), a
   * timeout or "server stopped".
   */
  public CompletableFuture<Member> addMember(List<String> peerUrls) {
    List<String> urls = new ArrayList<>(peerUrls);
    urls.sort(null);
    long id = ClusterIds.memberId(urls, Long.toString(clock.instant().getEpochSecond()));
    Member member = new Member(id, "", urls, List.of());
    return proposals
        .proposeConfChange(ConfChangeType.ConfChangeAddNode, id, urls)
        .thenApply(e -> member);
  }

  /** OTH-030: removes member {@code id} through a RemoveNode conf change (see addMember). */
  public CompletableFuture<Void> removeMember(long id) {
    return proposals
        .proposeConfChange(ConfChangeType.ConfChangeRemoveNode, id, null)
        .thenApply(e -> null);
  }

  /** OTH-031: replaces the peer URLs of member {@code id} through an UpdateNode conf change. */
  public CompletableFuture<Void> updateMember(long id, List<String> peerUrls) {
    List<String> urls = new ArrayList<>(peerUrls);
    urls.sort(null);
    return proposals
        .proposeConfChange(ConfChangeType.ConfChangeUpdateNode, id, urls)
        .thenApply(e -> null);
  }

  /** Completes once this member knows it was removed from the cluster; it must then stop. */
  public CompletableFuture<Void> removed() {
    return selfStop.removed();
  }

  /**
   * Completes with the cause once the member cannot go on ({@link SelfStop#cannotGoOn}): its raft
   * loop has stopped, so it acknowledges no more writes, and it must be stopped.
   */
  public CompletableFuture<Throwable> failed() {
    return selfStop.failed();
  }

  /**
   * OTH-042: the leader's figures for its followers, or null when this member is not the leader
   * (the handler answers 403 then).
   */
  public String leaderStatsJson() {
    if (!isLeader()) {
      return null;
    }
    PeerNetwork net = network;
    return net == null
        ? "{\"leader\":\"" + idHex() + "\",\"followers\":{}}"
        : net.leaderStats().json(idHex());
  }

  /**
   * OTH-040, OTH-041: the append counters and rates of {@code /v2/stats/self} as JSON members
   * ({@code "recvAppendRequestCnt":n,...,"sendAppendRequestCnt":n,...}).
   */
  public String appendStatsJson() {
    PeerNetwork net = network;
    return net == null
        ? "\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":0"
        : net.appendStats().json();
  }

  /** The peer side of this member (tests inject faults there); null before {@link #bootstrap}. */
  PeerNetwork peerNetwork() {
    return network;
  }

  /** The leader's ID as this member last heard it, 0 when none is known. */
  public long leaderId() {
    return raft.observed().lead();
  }

  public boolean isLeader() {
    return raft.observed().isLeader();
  }

  /**
   * OTH-014: raft's status, as the raft loop reads it between two steps. Fails when the loop has
   * stopped or does not answer within the request timeout.
   */
  public CompletableFuture<Status> raftStatus() {
    return raft.status().orTimeout(requestTimeoutMs(config), TimeUnit.MILLISECONDS);
  }

  private void snapshotSaved(long index, long term, ConfState confState) {
    raft.snapshotSaved(index, term, confState);
  }

  /**
   * Waits for a leader, then publishes this member's name and client URLs (CLU-018, retried every
   * request timeout until committed), sets the cluster version if nobody has (CLU-019) and starts
   * the SYNC and purge timers. Blocks the calling (main) thread.
   */
  public void publish(List<String> clientUrls) {
    raft.observed().leaderFound().join();
    String attributes =
        "{\"name\":"
            + V2Json.quote(config.name())
            + (clientUrls.isEmpty() ? "" : ",\"clientURLs\":" + V2Json.quoteArray(clientUrls))
            + "}";
    proposals.proposeUntilApplied(Request.put("/0/members/" + idHex() + "/attributes", attributes));
    List<String> sorted = new ArrayList<>(clientUrls);
    sorted.sort(null);
    self = new Member(memberId, config.name(), self.peerUrls(), sorted);
    LOG.info(
        "published {Name:{} ClientURLs:[{}]} to cluster {}",
        config.name(),
        String.join(" ", clientUrls),
        clusterIdHex());
    if (raft.observed().isLeader() && !hasClusterVersion()) {
      LOG.info("setting up the initial cluster version to 2.3");
      proposals.proposeUntilApplied(Request.put("/0/version", CLUSTER_VERSION));
      LOG.info(CapnslogLevel.NOTICE, "set the initial cluster version to 2.3");
    }
    new Housekeeping(config, clock, store, raft, proposals).start(timers);
  }

  private boolean hasClusterVersion() {
    return store.peek("/0/version", false, false) != null;
  }

  /**
   * Sends a request through the log (writes, quorum GETs, SYNC; SPEC KEY-010). The future completes
   * on the applying thread once the entry is applied, or fails after the request timeout (ERR-004).
   */
  public CompletableFuture<Event> propose(Request request) {
    return proposals.propose(request, null);
  }

  /**
   * As {@link #propose(Request)}, from a client event loop: when this member is alone in its
   * cluster and the write is a lone one, the raft round runs on that loop once it has handled what
   * it read, so the future completes there (Proposals#propose, RaftLoop#propose).
   */
  public CompletableFuture<Event> propose(Request request, Executor eventLoop) {
    return proposals.propose(request, eventLoop);
  }

  /** A client request was read (any route): tells a lone writer from one among other clients. */
  public void clientRequestRead() {
    proposals.clientRequestRead();
  }

  /** A local (possibly stale) GET or HEAD, served from the store on the caller's thread. */
  public Event get(Request request) throws EtcdException {
    return store.get(request.path(), request.recursive(), request.sorted());
  }

  /** A file's value from the local store, null if missing; counted as a get (KEY-190). */
  public String getValue(String path) {
    return store.getValue(path);
  }

  /** Registers a watch (SPEC KEY-160..175); see {@link Store#watch}. */
  public Watcher watch(Request request, Consumer<Event> listener) throws EtcdException {
    return store.watch(
        request.path(), request.recursive(), request.stream(), request.waitIndex(), listener);
  }

  /** The v2 auth users, roles and flag kept in this member's store (SPEC OTH-060..081). */
  public AuthStore auth() {
    return auth;
  }

  /** The store's {@code /v2/stats/store} JSON (OTH-044). */
  public byte[] storeStats() {
    return store.jsonStats();
  }

  /** The applied raft index (X-Raft-Index, KEY-180). */
  public long raftIndex() {
    return applier.appliedIndex();
  }

  public long raftTerm() {
    return raft.observed().term();
  }

  /** Readies fdatasynced and entries written to the WAL since start (group commit figures). */
  public long[] walCounters() {
    return new long[] {raft.fsyncs(), raft.persistedEntries()};
  }

  /** What the keys handler measures for {@code /metrics} (OTH-050). */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** The {@code /metrics} page in Prometheus's text format (OTH-050..053). */
  public String metricsText() {
    return metricsPage.render();
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

  /** Nanoseconds since this member last saw the leader change (or became leader, OTH-041). */
  public long leaderUptimeNanos() {
    return SystemClock.nanoTime() - raft.observed().leaderSinceNanos();
  }

  public Clock clock() {
    return clock;
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * Stops: timers, then waiting requests fail with "server stopped"; the raft loop finishes the
   * round (and fsync) in progress and closes the WAL; then the apply and snapshot threads stop.
   */
  @Override
  public void close() {
    if (proposals != null) {
      proposals.stop();
    }
    timers.shutdownNow();
    pending.close();
    // The raft loop first: it runs on the peer network's thread.
    if (raft != null) {
      long[] c = walCounters();
      raft.close();
      LOG.info("closed the WAL after {} fsyncs for {} entries", c[0], c[1]);
    }
    if (network != null) {
      network.close(); // and the peer listeners with it
    } else if (peerListeners != null) {
      peerListeners.close();
    }
    if (applying != null) {
      applying.close();
    }
    if (snapshots != null) {
      snapshots.close();
    }
  }
}
