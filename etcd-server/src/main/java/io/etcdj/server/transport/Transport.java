package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of etcd's peer protocol: sends raft messages to the other members and receives
 * theirs on the streams it dials (SPEC section 7). The raft thread calls {@link #send}, which never
 * blocks; received messages go to {@link RaftHandler#process}.
 *
 * <p>The peer server ({@code io.etcdj.server.http.peer}) calls {@link #attachStream} when a peer
 * dials us, so that this transport can write that peer's messages on the response.
 *
 * <p>Thread-safety: thread-safe; the peer table is a concurrent map and each peer is thread-safe.
 */
public final class Transport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  private final TransportConfig config;
  private final RaftHandler raft;
  private final FollowerStats stats;
  private final PeerHttpClient client;
  private final Clock clock;
  private final Map<Long, RemotePeer> peers = new ConcurrentHashMap<>();

  /**
   * @param group event loops for outgoing connections; owned by the caller, who shuts it down after
   *     {@link #close}
   */
  public Transport(
      TransportConfig config,
      RaftHandler raft,
      FollowerStats stats,
      EventLoopGroup group,
      Clock clock) {
    this.config = config;
    this.raft = raft;
    this.stats = stats;
    this.client = new PeerHttpClient(group, config.dialTimeout(), config.tls());
    this.clock = clock;
  }

  public TransportConfig config() {
    return config;
  }

  /** Starts talking to member {@code id} at {@code peerUrls}; does nothing if already known. */
  public void addPeer(long id, List<String> peerUrls) {
    if (id == config.localId()) {
      throw new IllegalArgumentException("cannot add the local member as a peer");
    }
    peers.computeIfAbsent(
        id,
        k -> {
          RemotePeer p = new RemotePeer(id, uris(peerUrls), config, raft, stats, client, clock);
          p.start();
          LOG.info("added peer {}", TransportConfig.hex(id));
          return p;
        });
  }

  public void removePeer(long id) {
    RemotePeer p = peers.remove(id);
    if (p != null) {
      p.stop();
      LOG.info("removed peer {}", TransportConfig.hex(id));
    }
  }

  public void updatePeer(long id, List<String> peerUrls) {
    RemotePeer p = peers.get(id);
    if (p != null) {
      p.update(uris(peerUrls));
      LOG.info("updated peer {}", TransportConfig.hex(id));
    }
  }

  public boolean hasPeer(long id) {
    return peers.containsKey(id);
  }

  /** How many peers the last attempt to reach succeeded for (etcd's ActivePeers). */
  public int activePeers() {
    return (int) peers.values().stream().filter(RemotePeer::isActive).count();
  }

  /** Whether the last attempt to reach {@code id} succeeded. */
  public boolean isActive(long id) {
    RemotePeer p = peers.get(id);
    return p != null && p.isActive();
  }

  /** The last probed round trip to {@code id} (SPEC PTR-003), empty before the first probe. */
  public Optional<Duration> roundTrip(long id) {
    RemotePeer p = peers.get(id);
    return p == null ? Optional.empty() : Optional.ofNullable(p.roundTrip());
  }

  /** Whether {@code id} currently has a {@code type} stream open to us that we write on. */
  public boolean isStreamConnected(long id, StreamType type) {
    RemotePeer p = peers.get(id);
    return p != null && p.isStreamConnected(type);
  }

  /**
   * Sends each message to its {@code to} member without blocking. Messages to unknown members
   * (including removed ones, SPEC RFT-015) are dropped.
   */
  public void send(List<Message> messages) {
    RemotePeer last = null;
    for (Message m : messages) {
      if (m.getTo() == 0) {
        continue;
      }
      RemotePeer p = peers.get(m.getTo());
      if (p == null) {
        LOG.debug(
            "ignored message {} to unknown peer {}", m.getType(), Long.toHexString(m.getTo()));
        continue;
      }
      if (last != null && p != last) {
        last.flush();
      }
      p.send(m);
      last = p;
    }
    if (last != null) {
      last.flush();
    }
  }

  /**
   * Makes {@code channel}, the answer to peer {@code from}'s stream GET whose 200 head was already
   * written, the way this member's messages of {@code type} reach that peer.
   *
   * @return false when {@code from} is not a known peer (the channel is left alone)
   */
  public boolean attachStream(long from, StreamType type, Channel channel) {
    RemotePeer p = peers.get(from);
    if (p == null) {
      return false;
    }
    p.attach(type, channel);
    return true;
  }

  /** Stops every peer's streams and pipeline. */
  @Override
  public void close() {
    for (Long id : List.copyOf(peers.keySet())) {
      removePeer(id);
    }
  }

  private static List<URI> uris(List<String> urls) {
    return urls.stream().map(URI::create).toList();
  }
}
