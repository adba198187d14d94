package io.etcdj.server.transport;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.channel.Channel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that connects this member to one other member: two stream readers that dial it, two
 * stream writers it dials us for, a pipeline and a prober, all sharing one URL picker and one
 * status.
 *
 * <p>Thread-safety: thread-safe; its parts are.
 */
final class RemotePeer {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  private final long id;
  private final RaftHandler raft;
  private final UrlPicker picker;
  private final PeerStatus status;
  private final Map<StreamType, StreamWriter> writers = new EnumMap<>(StreamType.class);
  private final Map<StreamType, StreamReader> readers = new EnumMap<>(StreamType.class);
  private final Pipeline pipeline;
  private final Prober prober;
  private final PeerHttpClient client;

  RemotePeer(
      long id,
      List<URI> urls,
      TransportConfig config,
      RaftHandler raft,
      FollowerStats stats,
      PeerHttpClient client,
      Clock clock) {
    this.id = id;
    this.raft = raft;
    this.picker = new UrlPicker(urls);
    this.status = new PeerStatus(id);
    for (StreamType t : StreamType.values()) {
      writers.put(
          t, new StreamWriter(t, id, raft, stats, clock, config.heartbeatInterval(), status));
      readers.put(t, new StreamReader(t, id, config, raft, client, picker, status));
    }
    this.pipeline = new Pipeline(id, config, raft, stats, client, picker, status, clock);
    this.prober = new Prober(id, client, picker, clock);
    this.client = client;
  }

  void start() {
    readers.values().forEach(StreamReader::start);
    prober.start(client.nextLoop());
  }

  /** The last probed round trip to this peer, or null before the first probe (PTR-003). */
  Duration roundTrip() {
    return prober.rtt();
  }

  /**
   * Routes {@code m} (SPEC PTR-021): MsgSnap always by pipeline; MsgApp by the msgapp stream when
   * attached; anything else by the message stream when attached; otherwise by pipeline. Never
   * blocks: a full queue drops the message and reports the peer unreachable (PTR-025).
   */
  void send(Message m) {
    boolean queued;
    if (m.getType() == MessageType.MsgSnap) {
      queued = pipeline.trySend(m);
    } else {
      StreamWriter.Outcome outcome = StreamWriter.Outcome.NOT_CONNECTED;
      if (m.getType() == MessageType.MsgApp) {
        outcome = writers.get(StreamType.MSGAPP_V2).trySend(m);
      }
      if (outcome == StreamWriter.Outcome.NOT_CONNECTED) {
        outcome = writers.get(StreamType.MESSAGE).trySend(m);
      }
      queued =
          outcome == StreamWriter.Outcome.QUEUED
              || (outcome == StreamWriter.Outcome.NOT_CONNECTED && pipeline.trySend(m));
    }
    if (!queued) {
      raft.reportUnreachable(id);
      if (m.getType() == MessageType.MsgSnap) {
        raft.reportSnapshot(id, SnapshotStatus.FAILURE);
      }
      if (status.isActive()) {
        LOG.warn(
            "dropped {} to {} since its sending buffer is full (bad/overloaded network)",
            m.getType(),
            TransportConfig.hex(id));
      }
    }
  }

  /** Writes the messages {@link #send} queued on the streams' own thread (see StreamWriter). */
  void flush() {
    writers.values().forEach(StreamWriter::flush);
  }

  void attach(StreamType type, Channel channel) {
    writers.get(type).attach(channel);
  }

  boolean isStreamConnected(StreamType type) {
    return writers.get(type).isConnected();
  }

  boolean isActive() {
    return status.isActive();
  }

  void update(List<URI> urls) {
    picker.update(urls);
  }

  void stop() {
    readers.values().forEach(StreamReader::stop);
    writers.values().forEach(StreamWriter::stop);
    pipeline.stop();
    prober.stop();
  }
}
