package io.etcdj.server;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.server.http.peer.PeerCluster;
import io.etcdj.server.http.peer.PeerInitializer;
import io.etcdj.server.http.peer.PeerServer;
import io.etcdj.server.transport.RaftHandler;
import io.etcdj.server.transport.Transport;
import io.etcdj.server.transport.TransportConfig;
import io.etcdj.store.Store;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's side of the peer network: the {@link Transport} that carries raft messages to the
 * other members, and the {@link PeerServer} on {@code --listen-peer-urls} that receives theirs
 * (SPEC section 7). Received messages, unreachable reports and snapshot outcomes are only queued
 * for the {@link RaftLoop} thread; nothing here steps raft (STYLE 3, 8).
 *
 * <p>Thread-safety: thread-safe. {@link #send} and {@link #applied} are called on the raft loop
 * thread, the {@link RaftHandler} methods on Netty event loops; the raft loop is attached once,
 * before {@link #serve}, through a volatile field.
 */
final class PeerNetwork implements RaftHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final long localId;
  private final Store store;
  private final PeerListeners listeners;
  private final EventLoopGroup workers;
  private final Transport transport;
  private final PeerInitializer initializer;

  private final Runnable removed;
  private final LeaderStats leaderStats = new LeaderStats();
  private final AppendStats appendStats = new AppendStats(SystemClock::nanoTime);
  private volatile RaftLoop raft;

  /**
   * Test-only fault injection: while set, raft messages to and from the peers it accepts are
   * dropped, both ways, as a network partition would (the streams themselves stay up, as a
   * partition that drops packets but not connections would leave them). Null, the default, costs
   * one volatile read per batch.
   */
  private volatile LongPredicate cut;

  /** MsgSnap received from peers (RFT-013): tells a catch-up by snapshot from one by the log. */
  private final AtomicLong snapshotsReceived = new AtomicLong();

  /** @param listeners the bound peer ports and their threads; closed with this network */
  PeerNetwork(
      ServerConfig config,
      PeerListeners listeners,
      long localId,
      long clusterId,
      Store store,
      PeerCluster cluster,
      Clock clock,
      Runnable removed) {
    this.localId = localId;
    this.removed = removed;
    this.store = store;
    this.listeners = listeners;
    this.workers = listeners.workers();
    List<String> advertised = config.advertisePeerUrls().stream().map(URI::toString).toList();
    Duration election = Duration.ofMillis(config.electionMs());
    TransportConfig tc =
        TransportConfig.of(localId, clusterId, advertised, election, listeners.tls());
    this.transport = new Transport(tc, this, leaderStats, workers, clock);
    // The initializer builds the plain pipeline; PeerServer puts TLS in front of it on the https
    // listen URLs only, as etcd does when http and https are mixed (FLG-042).
    this.initializer = new PeerInitializer(tc, cluster, this, transport, clock, config.snapPath());
  }

  /** The thread of the peer connections, for the raft loop to run on. */
  EventLoop raftExecutor() {
    return workers.next();
  }

  /** Messages from peers go to {@code loop} from now on (before that they are dropped). */
  void attach(RaftLoop loop) {
    this.raft = loop;
  }

  /** Accepts peers on the bound {@code --listen-peer-urls} from now on. */
  void serve() {
    listeners.serve(initializer);
  }

  /** Starts talking to {@code id}, unless it is this member (CLU-015: every other member). */
  void addPeer(long id, List<String> peerUrls) {
    if (id != localId && !peerUrls.isEmpty()) {
      leaderStats.follow(id);
      transport.addPeer(id, peerUrls);
    }
  }

  /** Keeps the transport in step with a conf change raft has applied (CLU-020..033). */
  void applied(ConfChange cc) {
    long id = cc.getNodeID();
    if (id == localId) {
      return;
    }
    switch (cc.getType()) {
      case ConfChangeAddNode -> addPeer(id, MembershipApplier.peerUrls(cc));
      case ConfChangeRemoveNode -> {
        transport.removePeer(id);
        leaderStats.unfollow(id);
      }
      case ConfChangeUpdateNode -> transport.updatePeer(id, MembershipApplier.peerUrls(cc));
      default -> {
        // Learners do not exist in etcd 2.3 (RFT-012).
      }
    }
  }

  /** The raft loop's {@link PeerSender}: queues each message for its peer, never blocks. */
  void send(List<Message> messages) {
    LongPredicate dropped = cut;
    if (dropped != null) {
      messages = messages.stream().filter(m -> !dropped.test(m.getTo())).toList();
    }
    for (Message m : messages) {
      // OTH-041: as etcd's transport, a MsgApp counts as sent once handed over for a known peer.
      if (m.getType() == MessageType.MsgApp && transport.hasPeer(m.getTo())) {
        appendStats.sent(m);
      }
    }
    transport.send(messages);
  }

  /**
   * Test-only: drops every raft message to or from a peer that {@code peers} accepts, until called
   * with null (see {@link #cut}).
   */
  void cut(LongPredicate peers) {
    this.cut = peers;
  }

  /** How many MsgSnap this member has received from its peers. */
  long snapshotsReceived() {
    return snapshotsReceived.get();
  }

  /** The append counters and rates of {@code /v2/stats/self} (OTH-041). */
  AppendStats appendStats() {
    return appendStats;
  }

  /** The figures of {@code /v2/stats/leader} (OTH-042). */
  LeaderStats leaderStats() {
    return leaderStats;
  }

  Transport transport() {
    return transport;
  }

  @Override
  public void process(Message message) {
    LongPredicate dropped = cut;
    if (dropped != null && dropped.test(message.getFrom())) {
      return;
    }
    RaftLoop loop = raft;
    if (loop != null) {
      if (message.getType() == MessageType.MsgApp) {
        appendStats.received(message);
      } else if (message.getType() == MessageType.MsgSnap) {
        snapshotsReceived.incrementAndGet();
      }
      loop.receive(message);
    }
  }

  @Override
  public boolean isIdRemoved(long id) {
    return Membership.isRemoved(store, id);
  }

  @Override
  public void reportUnreachable(long id) {
    RaftLoop loop = raft;
    if (loop != null) {
      loop.reportUnreachable(id);
    }
  }

  @Override
  public void reportSnapshot(long id, SnapshotStatus status) {
    RaftLoop loop = raft;
    if (loop != null) {
      loop.reportSnapshot(id, status);
    }
  }

  @Override
  public void reportRemoved(long byPeer) {
    // CLU-033: a peer refused this member as removed; etcd stops (the server says why).
    LOG.debug("peer {} reports this member as removed", Long.toHexString(byPeer));
    removed.run();
  }

  /** Stops listening, closes every peer's streams, then the event loops. */
  @Override
  public void close() {
    listeners.stopListening();
    transport.close();
    listeners.close();
  }
}
